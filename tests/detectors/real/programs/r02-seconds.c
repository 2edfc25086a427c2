#include <stdio.h>

int main(void)
{
    int total;
    scanf("%d", &total);
    int hours = total / 3600;
    int minutes = (total % 3600) / 60;
    int seconds = total % 60;
    if (total > 86400)
        printf("more than a day\n");
    printf("%02d:%02d:%02d\n", hours, minutes, seconds);
    return 0;
}
