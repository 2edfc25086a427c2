#include <stdio.h>

#define MAX_VALUES 100
#define SCALE_FACTOR 10

int f1(int a[], int b) {
    int c = 0;
    while (c < b && scanf("%d", &a[c]) == 1) {
        c++;
    }
    return c;
}

int f2(const int a[], int b) {
    int x = 0;
    for (int i = 0; i < b; i++) {
        x += a[i];
    }
    return x;
}

int f3(const int a[], int b) {
    int y = a[0];
    for (int i = 1; i < b; i++) {
        if (a[i] > y) {
            y = a[i];
        }
    }
    return y;
}

void f4(int p, int q) {
    printf("sum=%d\n", p);
    printf("max=%d\n", q);
    printf("scaled=%d\n", p * SCALE_FACTOR);
}

int main(void) {
    int d[MAX_VALUES];
    int n = f1(d, MAX_VALUES);
    if (n == 0) {
        printf("empty\n");
        return 0;
    }
    f4(f2(d, n), f3(d, n));
    return 0;
}
