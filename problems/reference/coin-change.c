#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 64
#define CENTS_PER_EURO 100
#define MAX_AMOUNT_CENTS 100000L
#define COIN_COUNT (sizeof COINS / sizeof COINS[0])

static const long COINS[] = {200, 100, 50, 20, 10, 5, 2, 1};

static int parse_amount(const char *line, long *cents)
{
    double euros = 0.0;
    char extra = '\0';
    if (sscanf(line, "%lf %c", &euros, &extra) != 1) {
        return 0;
    }
    *cents = lround(euros * CENTS_PER_EURO);
    return *cents >= 0 && *cents <= MAX_AMOUNT_CENTS;
}

static void print_euros(long cents)
{
    printf("%ld.%02ld", cents / CENTS_PER_EURO, cents % CENTS_PER_EURO);
}

static long give_change(long cents)
{
    long coins_used = 0;
    int first = 1;
    for (size_t i = 0; i < COIN_COUNT; i++) {
        long count = cents / COINS[i];
        if (count == 0) {
            continue;
        }
        printf("%s%ld x ", first ? " " : ", ", count);
        print_euros(COINS[i]);
        first = 0;
        cents -= count * COINS[i];
        coins_used += count;
    }
    return coins_used;
}

int main(void)
{
    char line[MAX_LINE];
    long total_coins = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        long cents = 0;
        if (!parse_amount(line, &cents)) {
            printf("%s: invalid amount\n", line);
            continue;
        }
        print_euros(cents);
        printf(":");
        if (cents == 0) {
            printf(" no coins\n");
            continue;
        }
        long coins = give_change(cents);
        printf(" (%ld coins)\n", coins);
        total_coins += coins;
    }
    printf("Total coins: %ld\n", total_coins);
    return 0;
}
