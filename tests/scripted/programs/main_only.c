#include <stdio.h>

#define CAPACITY 100
#define FACTOR 10

int main(void) {
    int numbers[CAPACITY];
    int amount = 0;
    while (amount < CAPACITY && scanf("%d", &numbers[amount]) == 1) {
        amount++;
    }
    if (amount == 0) {
        printf("empty\n");
        return 0;
    }
    int total = 0;
    int biggest = numbers[0];
    for (int position = 0; position < amount; position++) {
        total += numbers[position];
        if (numbers[position] > biggest) {
            biggest = numbers[position];
        }
    }
    printf("sum=%d\nmax=%d\nscaled=%d\n", total, biggest, total * FACTOR);
    return 0;
}
