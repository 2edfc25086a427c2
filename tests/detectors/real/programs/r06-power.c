#include <stdio.h>

static long power(int base, int exponent)
{
    long result = 1;
    for (int i = 0; i < exponent; i++) {
        result *= base;
    }
    return result;
}

int main(void)
{
    int base, exponent;
    scanf("%d %d", &base, &exponent);
    printf("%ld\n", power(base, exponent));
    return 0;
}
