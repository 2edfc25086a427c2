#include <stdio.h>

#define MAX_VALUES 100
#define SCALE_FACTOR 10

int main(void) {
    int values[MAX_VALUES];
    int count = 0;
    while (count < MAX_VALUES && scanf("%d", &values[count]) == 1) {
        count++;
    }
    if (count == 0) {
        printf("empty\n");
        return 0;
    }
    int total = 0;
    for (int index = 0; index < count; index++) {
        total += values[index];
    }
    int largest = values[0];
    for (int index = 1; index < count; index++) {
        if (values[index] > largest) {
            largest = values[index];
        }
    }
    printf("sum=%d\n", total);
    printf("max=%d\n", largest);
    printf("scaled=%d\n", total * SCALE_FACTOR);
    return 0;
}
