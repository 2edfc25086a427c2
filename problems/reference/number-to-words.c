#include <stdio.h>
#include <string.h>

#define MAX_LINE 64
#define MAX_WORDS 256
#define MAX_VALUE 999999L
#define THOUSAND 1000
#define HUNDRED 100
#define TEEN_LIMIT 20
#define TEN 10

static const char *const SMALL[TEEN_LIMIT] = {
    "zero",    "one",     "two",       "three",    "four",    "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",  "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen",
};
static const char *const TENS[TEN] = {"",      "",      "twenty",  "thirty", "forty",
                                      "fifty", "sixty", "seventy", "eighty", "ninety"};

static void append(char *out, const char *word)
{
    if (out[0] != '\0') {
        strcat(out, " ");
    }
    strcat(out, word);
}

static void below_hundred(int n, char *out)
{
    if (n < TEEN_LIMIT) {
        append(out, SMALL[n]);
        return;
    }
    append(out, TENS[n / TEN]);
    if (n % TEN != 0) {
        strcat(out, "-");
        strcat(out, SMALL[n % TEN]);
    }
}

static void below_thousand(int n, char *out)
{
    if (n >= HUNDRED) {
        append(out, SMALL[n / HUNDRED]);
        append(out, "hundred");
        n %= HUNDRED;
        if (n == 0) {
            return;
        }
    }
    below_hundred(n, out);
}

static void to_words(long n, char *out)
{
    out[0] = '\0';
    if (n == 0) {
        append(out, SMALL[0]);
        return;
    }
    if (n >= THOUSAND) {
        below_thousand((int)(n / THOUSAND), out);
        append(out, "thousand");
        n %= THOUSAND;
    }
    if (n > 0) {
        below_thousand((int)n, out);
    }
}

int main(void)
{
    char line[MAX_LINE];
    char words[MAX_WORDS];
    while (fgets(line, sizeof line, stdin) != NULL) {
        long value = 0;
        char extra = '\0';
        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "%ld %c", &value, &extra) != 1 || value < 0 || value > MAX_VALUE) {
            printf("%s: out of range\n", line);
            continue;
        }
        to_words(value, words);
        printf("%ld: %s\n", value, words);
    }
    return 0;
}
