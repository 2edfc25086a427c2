#include <stdio.h>
#include <string.h>

#define MAX_LINE 64
#define MAX_SECONDS 1000000000LL
#define SECONDS_PER_MINUTE 60
#define SECONDS_PER_HOUR 3600
#define SECONDS_PER_DAY 86400
#define UNIT_COUNT 4

static const char *const UNIT_NAMES[UNIT_COUNT] = {"day", "hour", "minute", "second"};

static void split(long long total, long long parts[UNIT_COUNT])
{
    parts[0] = total / SECONDS_PER_DAY;
    parts[1] = total % SECONDS_PER_DAY / SECONDS_PER_HOUR;
    parts[2] = total % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
    parts[3] = total % SECONDS_PER_MINUTE;
}

static void print_words(const long long parts[UNIT_COUNT])
{
    int nonzero = 0;
    for (int u = 0; u < UNIT_COUNT; u++) {
        nonzero += parts[u] != 0;
    }
    if (nonzero == 0) {
        printf("0 seconds");
        return;
    }
    int printed = 0;
    for (int u = 0; u < UNIT_COUNT; u++) {
        if (parts[u] == 0) {
            continue;
        }
        if (printed > 0) {
            printf(printed == nonzero - 1 ? " and " : ", ");
        }
        printf("%lld %s%s", parts[u], UNIT_NAMES[u], parts[u] == 1 ? "" : "s");
        printed++;
    }
}

int main(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        long long total = 0;
        char extra = '\0';
        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "%lld %c", &total, &extra) != 1 || total < 0 || total > MAX_SECONDS) {
            printf("%s: invalid\n", line);
            continue;
        }
        long long parts[UNIT_COUNT];
        split(total, parts);
        printf("%lld s = %lldd %02lld:%02lld:%02lld = ", total, parts[0], parts[1], parts[2],
               parts[3]);
        print_words(parts);
        putchar('\n');
    }
    return 0;
}
