#include <stdio.h>

int main(void)
{
    int n, value, largest;
    scanf("%d", &n);
    scanf("%d", &largest);
    for (int i = 1; i < n; i++) {
        scanf("%d", &value);
        if (value > largest)
            largest = value;
    }
    printf("%d\n", largest);
    return 0;
}
