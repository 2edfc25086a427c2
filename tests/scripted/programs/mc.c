#include <stdio.h>

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

int max_value(const int values[], int count) {
    int largest = values[0];
    for (int index = 1; index < count; index++) {
        if (values[index] > largest) {
            largest = values[index];
        }
    }
    return largest;
}

void print_report(int total, int largest) {
    printf("sum=%d\n", total);
    printf("max=%d\n", largest);
    printf("scaled=%d\n", total * 10);
}

int main(void) {
    int values[100];
    int count = read_values(values, 100);
    if (count == 0) {
        printf("empty\n");
        return 0;
    }
    print_report(sum_values(values, count), max_value(values, count));
    return 0;
}
