#include <stdio.h>

#define MAX_CUSTOMERS 50
#define TELLER_COUNT 2

typedef struct {
    int arrival;
    int service;
    int teller;
    int start;
} Customer;

typedef struct {
    int free_at;
    int busy_minutes;
} Teller;

static int read_customers(Customer customers[])
{
    int count = 0;
    if (scanf("%d", &count) != 1 || count < 0 || count > MAX_CUSTOMERS) {
        return -1;
    }
    for (int i = 0; i < count; i++) {
        if (scanf("%d %d", &customers[i].arrival, &customers[i].service) != 2 ||
            customers[i].arrival < 0 || customers[i].service < 1 ||
            (i > 0 && customers[i].arrival < customers[i - 1].arrival)) {
            return -1;
        }
    }
    return count;
}

static int earliest_free_teller(const Teller tellers[])
{
    int best = 0;
    for (int t = 1; t < TELLER_COUNT; t++) {
        if (tellers[t].free_at < tellers[best].free_at) {
            best = t;
        }
    }
    return best;
}

static void serve(Customer *customer, Teller tellers[])
{
    int t = earliest_free_teller(tellers);
    Teller *teller = &tellers[t];
    customer->teller = t;
    customer->start = customer->arrival > teller->free_at ? customer->arrival : teller->free_at;
    teller->free_at = customer->start + customer->service;
    teller->busy_minutes += customer->service;
}

static void print_report(const Customer customers[], int count, const Teller tellers[])
{
    int total_wait = 0;
    int max_wait = 0;
    int finish = 0;
    for (int i = 0; i < count; i++) {
        const Customer *c = &customers[i];
        int wait = c->start - c->arrival;
        int end = c->start + c->service;
        printf("customer %d: teller %d, start %d, wait %d, end %d\n", i + 1, c->teller + 1,
               c->start, wait, end);
        total_wait += wait;
        max_wait = wait > max_wait ? wait : max_wait;
        finish = end > finish ? end : finish;
    }
    printf("Average wait: %.2f\n", count > 0 ? (double)total_wait / count : 0.0);
    printf("Max wait: %d\n", max_wait);
    for (int t = 0; t < TELLER_COUNT; t++) {
        printf("Teller %d busy: %d min\n", t + 1, tellers[t].busy_minutes);
    }
    printf("Finish: %d\n", finish);
}

int main(void)
{
    Customer customers[MAX_CUSTOMERS];
    Teller tellers[TELLER_COUNT] = {{0, 0}};
    int count = read_customers(customers);
    if (count < 0) {
        printf("Invalid input\n");
        return 0;
    }
    for (int i = 0; i < count; i++) {
        serve(&customers[i], tellers);
    }
    print_report(customers, count, tellers);
    return 0;
}
