"""Small C programs for SRP's two transforms: consecutive calls of single-use void helpers
to merge into one function (sharing a pointer, clashing locals and parameters, defined
after their caller behind prototypes), and programs where no merge may be offered."""

SHARED = """#include <stdio.h>

#define MAX_ITEMS 10

struct Data {
    int count;
    int values[MAX_ITEMS];
};

void read_input(struct Data *d) {
    d->count = 0;
    while (d->count < MAX_ITEMS && scanf("%d", &d->values[d->count]) == 1) {
        d->count++;
    }
}

void print_report(struct Data *d) {
    int total = 0;
    for (int i = 0; i < d->count; i++) {
        total += d->values[i];
    }
    printf("count %d\\n", d->count);
    printf("total %d\\n", total);
}

int main(void) {
    struct Data d;
    read_input(&d);
    print_report(&d);
    return 0;
}
"""

CLASH = """#include <stdio.h>

void print_squares(int n) {
    int total = 0;
    for (int i = 1; i <= n; i++) {
        total += i * i;
    }
    printf("squares up to %d: %d\\n", n, total);
}

void print_divisors(int n) {
    int total = 0;
    for (int i = 1; i <= n; i++) {
        if (n % i == 0) {
            printf("%d ", i);
            total++;
        }
    }
    printf("(%d divisors)\\n", total);
}

int main(void) {
    int a = 0;
    int b = 0;
    if (scanf("%d %d", &a, &b) != 2) {
        return 1;
    }
    print_squares(a);
    print_divisors(b);
    return 0;
}
"""

PROTOTYPED = """#include <stdio.h>

void show_header(const char *title, int width);
void show_table(int rows, int width);

int main(void) {
    int rows = 0;
    if (scanf("%d", &rows) != 1) {
        return 1;
    }
    show_header("table", 12);
    show_table(rows, 12);
    return 0;
}

void show_header(const char *title, int width) {
    printf("%s\\n", title);
    for (int i = 0; i < width; i++) {
        putchar('=');
    }
    putchar('\\n');
}

void show_table(int rows, int width) {
    for (int r = 1; r <= rows; r++) {
        printf("%*d\\n", width, r * r);
    }
    printf("%d rows\\n", rows);
}
"""

UNSTABLE = """#include <stdio.h>

void read_count(int *count) {
    *count = 0;
    if (scanf("%d", count) != 1) {
        *count = -1;
    }
    printf("read\\n");
}

void print_stars(int count) {
    for (int i = 0; i < count; i++) {
        putchar('*');
    }
    putchar('\\n');
    printf("done\\n");
}

int main(void) {
    int count = 0;
    read_count(&count);
    print_stars(count);
    return 0;
}
"""

EARLY_RETURN = """#include <stdio.h>

void greet(int n) {
    if (n < 0) {
        return;
    }
    printf("hello %d\\n", n);
    printf("welcome\\n");
}

void farewell(int n) {
    printf("bye %d\\n", n);
    printf("see you\\n");
    printf("soon\\n");
}

int main(void) {
    int n = 0;
    if (scanf("%d", &n) != 1) {
        return 1;
    }
    greet(n);
    farewell(n);
    return 0;
}
"""

INPUTS = ["3 10\n4\n5\n", "6 12\n"]

# Two helpers with long parameter lists: merged, the signature would run to 128 columns.
LONG = """#include <stdio.h>

void print_temperature_range(int lowest_temperature, int highest_temperature) {
    int total = 0;
    for (int t = lowest_temperature; t <= highest_temperature; t++) {
        total += t;
    }
    printf("range: %d..%d, sum %d\\n", lowest_temperature, highest_temperature, total);
}

void print_measurement_count(int measurement_count, int rejected_count) {
    int kept = 0;
    for (int i = rejected_count; i < measurement_count; i++) {
        kept++;
    }
    printf("count: %d (%d kept)\\n", measurement_count, kept);
}

int main(void) {
    int low = 0;
    int high = 0;
    if (scanf("%d %d", &low, &high) != 2) {
        return 1;
    }
    print_temperature_range(low, high);
    print_measurement_count(high, low);
    return 0;
}
"""

# A single-use helper that counts its parameter down: merged, the parameter becomes a local
# copy in a block of its own, so the caller's `n` is still what it printed after the call.
DIGITS = """#include <stdio.h>

static void print_digits(int number, int width)
{
    int count = 0;
    while (number > 0) {
        printf("%d ", number % 10);
        number /= 10;
        count++;
    }
    printf("(%d of %d)\\n", count, width);
}

int main(void)
{
    int n;
    while (scanf("%d", &n) == 1) {
        print_digits(n * 3, 8);
        printf("%d\\n", n);
    }
    return 0;
}
"""
DIGITS_MERGED = """        {
            int number = n * 3;
            int count = 0;
            while (number > 0) {
                printf("%d ", number % 10);
                number /= 10;
                count++;
            }
            printf("(%d of %d)\\n", count, 8);
        }
        printf("%d\\n", n);"""
DIGITS_INPUTS = ["12 305\n", "7\n"]
