#include <stdio.h>
#include <string.h>

#define MIN_ROMAN 1
#define MAX_ROMAN 3999
#define MAX_LINE 64
#define MAX_NUMERAL 16
#define SYMBOL_COUNT (sizeof VALUES / sizeof VALUES[0])

static const int VALUES[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
static const char *const SYMBOLS[] = {"M",  "CM", "D",  "CD", "C",  "XC", "L",
                                      "XL", "X",  "IX", "V",  "IV", "I"};

static void to_roman(int value, char *numeral)
{
    numeral[0] = '\0';
    for (size_t i = 0; i < SYMBOL_COUNT; i++) {
        while (value >= VALUES[i]) {
            strcat(numeral, SYMBOLS[i]);
            value -= VALUES[i];
        }
    }
}

int main(void)
{
    char line[MAX_LINE];
    int converted = 0;
    int invalid = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        int value = 0;
        char extra = '\0';
        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "%d %c", &value, &extra) != 1 || value < MIN_ROMAN ||
            value > MAX_ROMAN) {
            printf("%s = invalid\n", line);
            invalid++;
            continue;
        }
        char numeral[MAX_NUMERAL];
        to_roman(value, numeral);
        printf("%d = %s\n", value, numeral);
        converted++;
    }
    printf("Converted: %d, invalid: %d\n", converted, invalid);
    return 0;
}
