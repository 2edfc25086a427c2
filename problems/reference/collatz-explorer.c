#include <stdio.h>

#define MIN_START 1
#define MAX_START 10000
#define VALUES_PER_LINE 8

typedef struct {
    int steps;
    long long peak;
} Trajectory;

static long long collatz_next(long long n)
{
    return n % 2 == 0 ? n / 2 : 3 * n + 1;
}

static Trajectory follow(long long n)
{
    Trajectory t = {0, n};
    while (n != 1) {
        n = collatz_next(n);
        t.steps++;
        if (n > t.peak) {
            t.peak = n;
        }
    }
    return t;
}

static void print_sequence(long long n)
{
    int printed = 0;
    for (;;) {
        printed++;
        int ends_line = n == 1 || printed % VALUES_PER_LINE == 0;
        printf("%lld%c", n, ends_line ? '\n' : ' ');
        if (n == 1) {
            break;
        }
        n = collatz_next(n);
    }
}

int main(void)
{
    int first = 0;
    int last = 0;
    if (scanf("%d %d", &first, &last) != 2 || first < MIN_START || last > MAX_START ||
        first > last) {
        printf("Need 1 <= A <= B <= %d\n", MAX_START);
        return 0;
    }
    int longest = first;
    int highest = first;
    Trajectory longest_t = follow(first);
    Trajectory highest_t = longest_t;
    long total_steps = 0;
    for (int n = first; n <= last; n++) {
        Trajectory t = follow(n);
        total_steps += t.steps;
        if (t.steps > longest_t.steps) {
            longest = n;
            longest_t = t;
        }
        if (t.peak > highest_t.peak) {
            highest = n;
            highest_t = t;
        }
    }
    printf("Longest: %d (%d steps)\n", longest, longest_t.steps);
    printf("Highest peak: %d (%lld)\n", highest, highest_t.peak);
    printf("Average steps: %.2f\n", (double)total_steps / (last - first + 1));
    printf("Sequence of %d:\n", first);
    print_sequence(first);
    return 0;
}
