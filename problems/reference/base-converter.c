#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 96
#define MAX_DIGITS 32
#define MIN_BASE 2
#define MAX_BASE 36
#define DIGIT_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LIMIT (1LL << 62)

static int digit_value(char c)
{
    if (isdigit((unsigned char)c)) {
        return c - '0';
    }
    if (isalpha((unsigned char)c)) {
        return toupper((unsigned char)c) - 'A' + 10;
    }
    return MAX_BASE;
}

static bool valid_base(int base)
{
    return base >= MIN_BASE && base <= MAX_BASE;
}

/* Returns false and names the offending character when a digit is not valid in `base`. */
static bool parse_in_base(const char *text, int base, long long *value, char *bad)
{
    bool negative = text[0] == '-';
    const char *digits = negative ? text + 1 : text;
    long long result = 0;
    *bad = '\0';
    if (*digits == '\0') {
        return false;
    }
    for (const char *p = digits; *p != '\0'; p++) {
        int d = digit_value(*p);
        if (d >= base) {
            *bad = *p;
            return false;
        }
        if (result > (LIMIT - d) / base) {
            return false;
        }
        result = result * base + d;
    }
    *value = negative ? -result : result;
    return true;
}

static void format_in_base(long long value, int base, char *out)
{
    char reversed[MAX_DIGITS * 2 + 2];
    int length = 0;
    bool negative = value < 0;
    unsigned long long magnitude = negative ? 0ULL - (unsigned long long)value
                                            : (unsigned long long)value;
    do {
        reversed[length++] = DIGIT_CHARS[magnitude % (unsigned)base];
        magnitude /= (unsigned)base;
    } while (magnitude > 0);
    int pos = 0;
    if (negative) {
        out[pos++] = '-';
    }
    while (length > 0) {
        out[pos++] = reversed[--length];
    }
    out[pos] = '\0';
}

static void convert_line(const char *line)
{
    char number[MAX_DIGITS + 2];
    int from = 0;
    int to = 0;
    char extra = '\0';
    if (sscanf(line, "%33s %d %d %c", number, &from, &to, &extra) != 3 ||
        strlen(number) > MAX_DIGITS) {
        printf("invalid line\n");
        return;
    }
    if (!valid_base(from) || !valid_base(to)) {
        printf("invalid base\n");
        return;
    }
    long long value = 0;
    char bad = '\0';
    if (!parse_in_base(number, from, &value, &bad)) {
        if (bad != '\0') {
            printf("invalid digit '%c' for base %d\n", bad, from);
        } else {
            printf("invalid number\n");
        }
        return;
    }
    char result[MAX_DIGITS * 2 + 2];
    format_in_base(value, to, result);
    printf("%s (base %d) = %s (base %d)\n", number, from, result, to);
}

int main(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        convert_line(line);
    }
    return 0;
}
