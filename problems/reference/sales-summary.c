#include <stdio.h>

#define REGION_COUNT 3
#define MONTH_COUNT 12
#define QUARTER_COUNT 4
#define MONTHS_PER_QUARTER (MONTH_COUNT / QUARTER_COUNT)
#define PERCENT 100.0

static const char *const REGIONS[REGION_COUNT] = {"North", "South", "West"};
static const char *const MONTHS[MONTH_COUNT] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static int quarter_total(const int sales[MONTH_COUNT], int quarter)
{
    int total = 0;
    for (int m = quarter * MONTHS_PER_QUARTER; m < (quarter + 1) * MONTHS_PER_QUARTER; m++) {
        total += sales[m];
    }
    return total;
}

static int best_month(const int sales[MONTH_COUNT])
{
    int best = 0;
    for (int m = 1; m < MONTH_COUNT; m++) {
        if (sales[m] > sales[best]) {
            best = m;
        }
    }
    return best;
}

static void print_quarter_table(const int sales[REGION_COUNT][MONTH_COUNT])
{
    int column_totals[QUARTER_COUNT + 1] = {0};
    printf("%-8s%8s%8s%8s%8s%9s\n", "Region", "Q1", "Q2", "Q3", "Q4", "Year");
    for (int r = 0; r < REGION_COUNT; r++) {
        int year = 0;
        printf("%-8s", REGIONS[r]);
        for (int q = 0; q < QUARTER_COUNT; q++) {
            int total = quarter_total(sales[r], q);
            printf("%8d", total);
            column_totals[q] += total;
            year += total;
        }
        printf("%9d\n", year);
        column_totals[QUARTER_COUNT] += year;
    }
    printf("%-8s", "All");
    for (int q = 0; q < QUARTER_COUNT; q++) {
        printf("%8d", column_totals[q]);
    }
    printf("%9d\n", column_totals[QUARTER_COUNT]);
}

static void print_region_details(const int sales[REGION_COUNT][MONTH_COUNT])
{
    for (int r = 0; r < REGION_COUNT; r++) {
        int best = best_month(sales[r]);
        int first = quarter_total(sales[r], 0);
        int last = quarter_total(sales[r], QUARTER_COUNT - 1);
        double growth = PERCENT * (last - first) / first;
        printf("%s: best month %s (%d), Q1 to Q4 growth %+.1f%%\n", REGIONS[r], MONTHS[best],
               sales[r][best], growth);
    }
}

int main(void)
{
    const int sales[REGION_COUNT][MONTH_COUNT] = {
        {120, 135, 150, 160, 155, 170, 180, 175, 165, 190, 210, 250},
        {200, 180, 170, 160, 150, 140, 130, 150, 160, 155, 150, 145},
        {90, 95, 100, 100, 105, 110, 120, 125, 130, 130, 128, 140},
    };
    print_quarter_table(sales);
    print_region_details(sales);
    return 0;
}
