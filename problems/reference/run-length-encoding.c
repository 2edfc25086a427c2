#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 128
#define MAX_ENCODED (2 * MAX_LINE)
#define PERCENT 100.0

static void encode(const char *text, char *encoded)
{
    size_t out = 0;
    for (size_t i = 0; text[i] != '\0';) {
        size_t run = 1;
        while (text[i + run] == text[i]) {
            run++;
        }
        if (run > 1) {
            out += (size_t)sprintf(encoded + out, "%zu", run);
        }
        encoded[out++] = text[i];
        i += run;
    }
    encoded[out] = '\0';
}

static void decode(const char *encoded, char *decoded)
{
    size_t out = 0;
    size_t count = 0;
    for (const char *p = encoded; *p != '\0'; p++) {
        if (isdigit((unsigned char)*p)) {
            count = count * 10 + (size_t)(*p - '0');
            continue;
        }
        size_t repeat = count > 0 ? count : 1;
        for (size_t k = 0; k < repeat; k++) {
            decoded[out++] = *p;
        }
        count = 0;
    }
    decoded[out] = '\0';
}

static bool has_digit(const char *text)
{
    for (; *text != '\0'; text++) {
        if (isdigit((unsigned char)*text)) {
            return true;
        }
    }
    return false;
}

int main(void)
{
    char line[MAX_LINE];
    char encoded[MAX_ENCODED];
    char decoded[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (has_digit(line)) {
            printf("[%s] contains digits\n", line);
            continue;
        }
        encode(line, encoded);
        decode(encoded, decoded);
        printf("[%s] -> [%s]", line, encoded);
        printf(" %s", strcmp(decoded, line) == 0 ? "ok" : "MISMATCH");
        size_t length = strlen(line);
        if (length == 0) {
            printf(" ratio n/a\n");
        } else {
            printf(" ratio %.1f%%\n", PERCENT * (double)strlen(encoded) / (double)length);
        }
    }
    return 0;
}
