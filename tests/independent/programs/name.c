#include <stdio.h>

#define MAX_AMOUNTS 64
#define CENTS_PER_DOLLAR 100

static void print_money(int c) {
    printf("%d.%02d", c / CENTS_PER_DOLLAR, c % CENTS_PER_DOLLAR);
}

static int total_of(const int x[], int count) {
    int total = 0;
    for (int index = 0; index < count; index++) {
        total += x[index];
    }
    return total;
}

static int count_coins(int c, const int a[], int k, int u[]) {
    for (int kind = 0; kind < k; kind++) {
        u[kind] = c / a[kind];
        c -= u[kind] * a[kind];
    }
    return total_of(u, k);
}

static void print_breakdown(int c, const int a[], const int u[], int k) {
    print_money(c);
    printf(":");
    for (int kind = 0; kind < k; kind++) {
        if (u[kind] > 0) {
            printf(" %dx%d", u[kind], a[kind]);
        }
    }
    printf("\n");
}

static int read_amounts(int v[], int capacity) {
    int count = 0;
    while (count < capacity && scanf("%d", &v[count]) == 1) {
        count++;
    }
    return count;
}

int main(void) {
    int a[] = {200, 100, 25, 10, 5, 1};
    int k = (int)(sizeof a / sizeof a[0]);
    int u[sizeof a / sizeof a[0]];
    int v[MAX_AMOUNTS];
    int count = read_amounts(v, MAX_AMOUNTS);
    int n2 = 0;
    for (int index = 0; index < count; index++) {
        n2 += count_coins(v[index], a, k, u);
        print_breakdown(v[index], a, u, k);
    }
    int s = total_of(v, count);
    printf("total ");
    print_money(s);
    printf(" in %d coins\n", n2);
    return 0;
}
