#include <math.h>
#include <stdio.h>

#define VECTOR_LENGTH 5

typedef double Vector[VECTOR_LENGTH];

static void add(const Vector a, const Vector b, Vector result)
{
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        result[i] = a[i] + b[i];
    }
}

static void subtract(const Vector a, const Vector b, Vector result)
{
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        result[i] = a[i] - b[i];
    }
}

static double dot(const Vector a, const Vector b)
{
    double sum = 0.0;
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        sum += a[i] * b[i];
    }
    return sum;
}

static double norm(const Vector v)
{
    return sqrt(dot(v, v));
}

static void print_vector(const char *name, const Vector v)
{
    printf("%s = (", name);
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        printf(i == 0 ? "%.2f" : ", %.2f", v[i]);
    }
    printf(")\n");
}

int main(void)
{
    const Vector a = {1.5, -2.0, 3.25, 4.0, 0.5};
    const Vector b = {2.0, 0.5, -1.25, 3.0, 6.5};
    Vector sum;
    Vector difference;

    add(a, b, sum);
    subtract(a, b, difference);
    print_vector("a", a);
    print_vector("b", b);
    print_vector("a+b", sum);
    print_vector("a-b", difference);
    printf("a.b = %.2f\n", dot(a, b));
    printf("|a+b| = %.3f\n", norm(sum));
    return 0;
}
