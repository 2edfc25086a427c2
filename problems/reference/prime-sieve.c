#include <stdbool.h>
#include <stdio.h>

#define MIN_LIMIT 2
#define MAX_LIMIT 2000
#define PRIMES_PER_LINE 10
#define FIELD_WIDTH 6
#define TWIN_DISTANCE 2

static void sieve(int limit, bool is_prime[])
{
    for (int i = 0; i <= limit; i++) {
        is_prime[i] = i >= MIN_LIMIT;
    }
    for (int p = MIN_LIMIT; p * p <= limit; p++) {
        if (!is_prime[p]) {
            continue;
        }
        for (int multiple = p * p; multiple <= limit; multiple += p) {
            is_prime[multiple] = false;
        }
    }
}

static int collect_primes(int limit, const bool is_prime[], int primes[])
{
    int count = 0;
    for (int i = 0; i <= limit; i++) {
        if (is_prime[i]) {
            primes[count++] = i;
        }
    }
    return count;
}

static void print_primes(const int primes[], int count)
{
    for (int i = 0; i < count; i++) {
        printf("%*d", FIELD_WIDTH, primes[i]);
        if ((i + 1) % PRIMES_PER_LINE == 0 || i == count - 1) {
            putchar('\n');
        }
    }
}

static int count_twins(const int primes[], int count)
{
    int twins = 0;
    for (int i = 1; i < count; i++) {
        if (primes[i] - primes[i - 1] == TWIN_DISTANCE) {
            twins++;
        }
    }
    return twins;
}

static void print_largest_gap(const int primes[], int count)
{
    if (count < 2) {
        printf("Largest gap: none\n");
        return;
    }
    int best = 1;
    for (int i = 2; i < count; i++) {
        if (primes[i] - primes[i - 1] > primes[best] - primes[best - 1]) {
            best = i;
        }
    }
    printf("Largest gap: %d between %d and %d\n", primes[best] - primes[best - 1],
           primes[best - 1], primes[best]);
}

int main(void)
{
    int limit = 0;
    bool is_prime[MAX_LIMIT + 1];
    int primes[MAX_LIMIT];
    if (scanf("%d", &limit) != 1 || limit < MIN_LIMIT || limit > MAX_LIMIT) {
        printf("N must be between %d and %d\n", MIN_LIMIT, MAX_LIMIT);
        return 0;
    }
    sieve(limit, is_prime);
    int count = collect_primes(limit, is_prime, primes);
    print_primes(primes, count);
    printf("Count: %d\n", count);
    printf("Twin pairs: %d\n", count_twins(primes, count));
    print_largest_gap(primes, count);
    return 0;
}
