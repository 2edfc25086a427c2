#include <stdio.h>

#define MAX_DEGREE 8
#define CAPACITY (MAX_DEGREE + 1)

typedef struct {
    int degree;
    int coefficients[CAPACITY]; /* coefficients[k] multiplies x^k */
} Polynomial;

static void normalise(Polynomial *p)
{
    while (p->degree > 0 && p->coefficients[p->degree] == 0) {
        p->degree--;
    }
}

static Polynomial add(const Polynomial *a, const Polynomial *b)
{
    Polynomial sum = {a->degree > b->degree ? a->degree : b->degree, {0}};
    for (int k = 0; k <= a->degree; k++) {
        sum.coefficients[k] += a->coefficients[k];
    }
    for (int k = 0; k <= b->degree; k++) {
        sum.coefficients[k] += b->coefficients[k];
    }
    normalise(&sum);
    return sum;
}

static Polynomial multiply(const Polynomial *a, const Polynomial *b)
{
    Polynomial product = {a->degree + b->degree, {0}};
    for (int i = 0; i <= a->degree; i++) {
        for (int j = 0; j <= b->degree; j++) {
            product.coefficients[i + j] += a->coefficients[i] * b->coefficients[j];
        }
    }
    normalise(&product);
    return product;
}

static Polynomial derivative(const Polynomial *p)
{
    Polynomial result = {p->degree > 0 ? p->degree - 1 : 0, {0}};
    for (int k = 1; k <= p->degree; k++) {
        result.coefficients[k - 1] = k * p->coefficients[k];
    }
    normalise(&result);
    return result;
}

static double evaluate(const Polynomial *p, double x)
{
    double value = 0.0;
    for (int k = p->degree; k >= 0; k--) {
        value = value * x + p->coefficients[k];
    }
    return value;
}

static void print_term(int coefficient, int power, int first)
{
    int magnitude = coefficient < 0 ? -coefficient : coefficient;
    if (first) {
        printf(coefficient < 0 ? "-" : "");
    } else {
        printf(coefficient < 0 ? " - " : " + ");
    }
    if (magnitude != 1 || power == 0) {
        printf("%d", magnitude);
    }
    if (power == 1) {
        printf("x");
    } else if (power > 1) {
        printf("x^%d", power);
    }
}

static void print_polynomial(const char *name, const Polynomial *p)
{
    int first = 1;
    printf("%s = ", name);
    for (int k = p->degree; k >= 0; k--) {
        if (p->coefficients[k] != 0) {
            print_term(p->coefficients[k], k, first);
            first = 0;
        }
    }
    if (first) {
        printf("0");
    }
    putchar('\n');
}

int main(void)
{
    const Polynomial p = {4, {-5, 1, -2, 0, 3}};
    const Polynomial q = {3, {2, 0, 4, -1}};
    const Polynomial constant = {0, {7}};
    Polynomial sum = add(&p, &q);
    Polynomial product = multiply(&p, &q);
    Polynomial p_prime = derivative(&p);
    Polynomial constant_prime = derivative(&constant);

    print_polynomial("p(x)", &p);
    print_polynomial("q(x)", &q);
    print_polynomial("p+q", &sum);
    print_polynomial("p*q", &product);
    print_polynomial("p'", &p_prime);
    print_polynomial("(7)'", &constant_prime);
    printf("p(2) = %.3f\n", evaluate(&p, 2.0));
    printf("q(-1.5) = %.3f\n", evaluate(&q, -1.5));
    return 0;
}
