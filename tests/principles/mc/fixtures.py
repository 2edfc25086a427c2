"""Small C programs, each offering one of MC's ways for a value to lose its name (and a few
look-alikes that must not be offered), with an input to run them on."""

ENUM = """#include <stdio.h>

enum Level { LOW = 10, MEDIUM = 20, HIGH = 30 };

int classify(int score) {
    if (score >= HIGH) {
        return HIGH;
    }
    if (score >= MEDIUM) {
        return MEDIUM;
    }
    return LOW;
}

int main(void) {
    int score = 0;
    while (scanf("%d", &score) == 1) {
        printf("%d -> %d\\n", score, classify(score));
    }
    return 0;
}
"""

SMALL_ENUM = """#include <stdio.h>

enum Side { LEFT, RIGHT };

int main(void) {
    int x = 0;
    while (scanf("%d", &x) == 1) {
        printf("%d\\n", x < 0 ? LEFT : RIGHT);
    }
    return 0;
}
"""

LOCAL = """#include <stdio.h>

int main(void) {
    int limit = 30;
    const double rate = 0.25;
    int count = 0;
    int minutes = 0;
    while (scanf("%d", &minutes) == 1) {
        count++;
        if (minutes > limit) {
            printf("%d over by %d: %.2f\\n", minutes, minutes - limit, (minutes - limit) * rate);
        } else {
            printf("%d ok\\n", minutes);
        }
    }
    printf("%d read\\n", count);
    return 0;
}
"""

FOLD = """#include <stdio.h>

#define SECONDS_PER_MINUTE 60
#define SECONDS_PER_DAY (24 * 60 * SECONDS_PER_MINUTE)
#define SQUARED (65536 * 65536)
#define RATIO (3.0 / 4)

int main(void) {
    long days = 0;
    while (scanf("%ld", &days) == 1) {
        printf("%ld seconds\\n", days * SECONDS_PER_DAY);
    }
    printf("%.2f %d\\n", RATIO, SQUARED > 0);
    return 0;
}
"""

LENGTH = """#include <stdio.h>

#define SLOTS 6

int sum(const int values[], int count) {
    int total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

int main(void) {
    int weights[] = {3, 5, 7, 11};
    int seen[SLOTS] = {0};
    int slot = 0;
    while (scanf("%d", &slot) == 1) {
        if (slot >= 0 && slot < SLOTS) {
            seen[slot]++;
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        printf("%d", seen[i]);
    }
    printf("\\n%d over %zu\\n", sum(weights, sizeof(weights) / sizeof(weights[0])),
           sizeof(weights) / sizeof(weights[0]));
    return 0;
}
"""

BARE = """#include <stdio.h>

int main(void) {
    int x = 0;
    if (scanf("%d", &x) == 1) {
        printf("%d\\n", x + 1);
    }
    return 0;
}
"""

INPUTS = ["5\n25\n40\n", "-3\n0\n31\n1\n"]

# A constant only ever used through another name: the model's binary search wrote
# `#define ARRAY_SIZE MAX_NUMBERS` and used ARRAY_SIZE alone.
ALIAS = """#include <stdio.h>

#define MAX_NUMBERS 6
#define ARRAY_SIZE MAX_NUMBERS

int main(void)
{
    int values[ARRAY_SIZE] = {2, 3, 5, 8, 13, 21};
    int target;
    while (scanf("%d", &target) == 1) {
        int found = -1;
        for (int i = 0; i < ARRAY_SIZE; i++) {
            if (values[i] == target) {
                found = i;
            }
        }
        printf("%d: %d of %d\\n", target, found, ARRAY_SIZE - 1);
    }
    return 0;
}
"""
ALIAS_INPUTS = ["8 4\n", "21\n"]
