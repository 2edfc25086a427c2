#include <stdio.h>

#define MAX_STUDENTS 50

int main(void)
{
    int grades[MAX_STUDENTS];
    int count = 0, passed = 0, best = 0, sum = 0;
    scanf("%d", &count);
    for (int i = 0; i < count; i++) {
        scanf("%d", &grades[i]);
    }
    for (int i = 0; i < count; i++) {
        sum += grades[i];
        if (grades[i] >= 10) {
            passed++;
        }
        if (grades[i] > best) {
            best = grades[i];
        }
    }
    printf("average %.1f\n", (double)sum / count);
    printf("passed %d of %d\n", passed, count);
    printf("best %d\n", best);
    for (int i = 0; i < count; i++) {
        if (grades[i] == best) {
            printf("student %d has the best grade\n", i + 1);
        }
    }
    for (int i = 0; i < count; i++) {
        if (grades[i] < 10) {
            printf("student %d failed\n", i + 1);
        }
    }
    int histogram[21] = {0};
    for (int i = 0; i < count; i++) {
        histogram[grades[i]]++;
    }
    for (int g = 0; g <= 20; g++) {
        if (histogram[g] > 0) {
            printf("%2d: %d\n", g, histogram[g]);
        }
    }
    return 0;
}
