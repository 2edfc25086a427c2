#include <stdio.h>

#define MAX_VALUES 100
#define SCALE_FACTOR 10

int read_values(int values[], int capacity) {
    int count = 0;
    while (count < capacity && scanf("%d", &values[count]) == 1) {
        count++;
    }
    return count;
}

int sum_values(const int values[], int count) {
    int total = 0;
    for (int index = 0; index < count; index++) {
        total += values[index];
    }
    return total;
}

int scaled_sum(const int values[], int count) {
    int total = 0;
    for (int index = 0; index < count; index++) {
        total += values[index];
    }
    return total * SCALE_FACTOR;
}

int max_value(const int values[], int count) {
    int largest = values[0];
    for (int index = 1; index < count; index++) {
        if (values[index] > largest) {
            largest = values[index];
        }
    }
    return largest;
}

int main(void) {
    int values[MAX_VALUES];
    int count = read_values(values, MAX_VALUES);
    if (count == 0) {
        printf("empty\n");
        return 0;
    }
    printf("sum=%d\n", sum_values(values, count));
    printf("max=%d\n", max_value(values, count));
    printf("scaled=%d\n", scaled_sum(values, count));
    return 0;
}
