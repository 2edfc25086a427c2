#include <stdio.h>

int main(void)
{
    int a, b, x = 0, y = 0;
    scanf("%d", &a);
    for (int i = 0; i < a; i++) {
        scanf("%d", &b);
        x = x + b;
        y++;
    }
    printf("%.2f\n", (double)x / y);
    return 0;
}
