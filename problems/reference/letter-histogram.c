#include <ctype.h>
#include <stdio.h>

#define ALPHABET_SIZE 26
#define MAX_BAR 30
#define PERCENT 100.0

static long count_letters(long counts[ALPHABET_SIZE])
{
    long total = 0;
    int c;
    while ((c = getchar()) != EOF) {
        if (isalpha(c)) {
            counts[tolower(c) - 'a']++;
            total++;
        }
    }
    return total;
}

static int most_common(const long counts[ALPHABET_SIZE])
{
    int best = 0;
    for (int i = 1; i < ALPHABET_SIZE; i++) {
        if (counts[i] > counts[best]) {
            best = i;
        }
    }
    return best;
}

static int bar_length(long count, long max)
{
    /* Rounded up so that every letter that occurs gets at least one star. */
    return (int)((count * MAX_BAR + max - 1) / max);
}

static void print_histogram(const long counts[ALPHABET_SIZE], long total, long max)
{
    for (int i = 0; i < ALPHABET_SIZE; i++) {
        if (counts[i] == 0) {
            continue;
        }
        printf("%c %4ld %5.1f%% ", 'a' + i, counts[i], PERCENT * (double)counts[i] / (double)total);
        for (int star = 0; star < bar_length(counts[i], max); star++) {
            putchar('*');
        }
        putchar('\n');
    }
}

int main(void)
{
    long counts[ALPHABET_SIZE] = {0};
    long total = count_letters(counts);
    if (total == 0) {
        printf("No letters\n");
        return 0;
    }
    int best = most_common(counts);
    printf("Letters: %ld\n", total);
    print_histogram(counts, total, counts[best]);
    printf("Most common: %c\n", 'a' + best);
    return 0;
}
