#include <stdio.h>

int main(void)
{
    int side1, side2, side3;
    scanf("%d", &side1);
    if (side1 <= 0) {
        printf("invalid side\n");
        return 0;
    }
    scanf("%d", &side2);
    if (side2 <= 0) {
        printf("invalid side\n");
        return 0;
    }
    scanf("%d", &side3);
    if (side3 <= 0) {
        printf("invalid side\n");
        return 0;
    }
    printf("perimeter %d\n", side1 + side2 + side3);
    return 0;
}
