#include <stdio.h>
#include <string.h>

#define MAX_LINE 96

typedef struct {
    long long numerator;
    long long denominator;
} Fraction;

static long long gcd(long long a, long long b)
{
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b != 0) {
        long long r = a % b;
        a = b;
        b = r;
    }
    return a;
}

static Fraction reduce(Fraction f)
{
    if (f.denominator < 0) {
        f.numerator = -f.numerator;
        f.denominator = -f.denominator;
    }
    long long divisor = gcd(f.numerator, f.denominator);
    if (divisor > 1) {
        f.numerator /= divisor;
        f.denominator /= divisor;
    }
    return f;
}

static int apply(Fraction a, char op, Fraction b, Fraction *result)
{
    switch (op) {
    case '+':
        *result = (Fraction){a.numerator * b.denominator + b.numerator * a.denominator,
                             a.denominator * b.denominator};
        return 1;
    case '-':
        *result = (Fraction){a.numerator * b.denominator - b.numerator * a.denominator,
                             a.denominator * b.denominator};
        return 1;
    case '*':
        *result = (Fraction){a.numerator * b.numerator, a.denominator * b.denominator};
        return 1;
    case '/':
        if (b.numerator == 0) {
            return 0;
        }
        *result = (Fraction){a.numerator * b.denominator, a.denominator * b.numerator};
        return 1;
    default:
        return 0;
    }
}

static void print_fraction(Fraction f)
{
    if (f.denominator == 1) {
        printf("%lld", f.numerator);
        return;
    }
    printf("%lld/%lld", f.numerator, f.denominator);
    long long whole = f.numerator / f.denominator;
    if (whole != 0) {
        long long rest = f.numerator % f.denominator;
        printf(" (%lld %lld/%lld)", whole, rest < 0 ? -rest : rest, f.denominator);
    }
}

int main(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        Fraction a;
        Fraction b;
        Fraction result;
        char op = '\0';
        char extra = '\0';
        line[strcspn(line, "\n")] = '\0';
        int fields = sscanf(line, "%lld/%lld %c %lld/%lld %c", &a.numerator, &a.denominator, &op,
                            &b.numerator, &b.denominator, &extra);
        if (fields != 5 || a.denominator == 0 || b.denominator == 0 ||
            strchr("+-*/", op) == NULL) {
            printf("%s: invalid\n", line);
            continue;
        }
        if (!apply(a, op, b, &result)) {
            printf("%s: division by zero\n", line);
            continue;
        }
        printf("%s = ", line);
        print_fraction(reduce(result));
        putchar('\n');
    }
    return 0;
}
