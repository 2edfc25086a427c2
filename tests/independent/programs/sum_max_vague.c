#include <stdio.h>

int read_values(int data[], int info) {
    int things = 0;
    while (things < info && scanf("%d", &data[things]) == 1) {
        things++;
    }
    return things;
}

int sum_values(const int data[], int things) {
    int stuff = 0;
    for (int var = 0; var < things; var++) {
        stuff += data[var];
    }
    return stuff;
}

int max_value(const int data[], int things) {
    int temp = data[0];
    for (int var = 1; var < things; var++) {
        if (data[var] > temp) {
            temp = data[var];
        }
    }
    return temp;
}

void print_report(int stuff, int temp) {
    printf("sum=%d\n", stuff);
    printf("max=%d\n", temp);
    printf("scaled=%d\n", stuff * 10);
}

int main(void) {
    int data[100];
    int things = read_values(data, 100);
    if (things == 0) {
        printf("empty\n");
        return 0;
    }
    print_report(sum_values(data, things), max_value(data, things));
    return 0;
}
