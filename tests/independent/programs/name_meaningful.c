#include <stdio.h>

#define MAX_AMOUNTS 64
#define CENTS_PER_DOLLAR 100

static void print_money(int cents) {
    printf("%d.%02d", cents / CENTS_PER_DOLLAR, cents % CENTS_PER_DOLLAR);
}

static int total_of(const int values[], int count) {
    int total = 0;
    for (int index = 0; index < count; index++) {
        total += values[index];
    }
    return total;
}

static int tally_change(int cents, const int coins[], int kinds, int used[]) {
    for (int kind = 0; kind < kinds; kind++) {
        used[kind] = cents / coins[kind];
        cents -= used[kind] * coins[kind];
    }
    return total_of(used, kinds);
}

static void print_breakdown(int cents, const int coins[], const int used[], int kinds) {
    print_money(cents);
    printf(":");
    for (int kind = 0; kind < kinds; kind++) {
        if (used[kind] > 0) {
            printf(" %dx%d", used[kind], coins[kind]);
        }
    }
    printf("\n");
}

static int read_amounts(int requested_amounts[], int capacity) {
    int count = 0;
    while (count < capacity && scanf("%d", &requested_amounts[count]) == 1) {
        count++;
    }
    return count;
}

int main(void) {
    int coins[] = {200, 100, 25, 10, 5, 1};
    int kinds = (int)(sizeof coins / sizeof coins[0]);
    int used[sizeof coins / sizeof coins[0]];
    int requested_amounts[MAX_AMOUNTS];
    int count = read_amounts(requested_amounts, MAX_AMOUNTS);
    int coin_total = 0;
    for (int index = 0; index < count; index++) {
        coin_total += tally_change(requested_amounts[index], coins, kinds, used);
        print_breakdown(requested_amounts[index], coins, used, kinds);
    }
    int sum = total_of(requested_amounts, count);
    printf("total ");
    print_money(sum);
    printf(" in %d coins\n", coin_total);
    return 0;
}
