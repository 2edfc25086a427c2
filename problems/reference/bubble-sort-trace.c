#include <stdbool.h>
#include <stdio.h>

#define MAX_VALUES 20

static int read_values(int values[], int capacity)
{
    int count = 0;
    if (scanf("%d", &count) != 1 || count < 0 || count > capacity) {
        return -1;
    }
    for (int i = 0; i < count; i++) {
        if (scanf("%d", &values[i]) != 1) {
            return -1;
        }
    }
    return count;
}

static void print_array(const char *label, const int values[], int count)
{
    printf("%s: [", label);
    for (int i = 0; i < count; i++) {
        printf(i == 0 ? "%d" : " %d", values[i]);
    }
    printf("]\n");
}

static void swap(int *a, int *b)
{
    int tmp = *a;
    *a = *b;
    *b = tmp;
}

static int bubble_pass(int values[], int unsorted_end)
{
    int swaps = 0;
    for (int j = 0; j < unsorted_end; j++) {
        if (values[j] > values[j + 1]) {
            swap(&values[j], &values[j + 1]);
            swaps++;
        }
    }
    return swaps;
}

int main(void)
{
    int values[MAX_VALUES];
    int count = read_values(values, MAX_VALUES);
    if (count < 0) {
        printf("Invalid input\n");
        return 0;
    }
    int passes = 0;
    int total_swaps = 0;
    bool swapped = true;
    for (int pass = 0; pass < count - 1 && swapped; pass++) {
        int swaps = bubble_pass(values, count - 1 - pass);
        char label[32];
        passes++;
        total_swaps += swaps;
        swapped = swaps > 0;
        snprintf(label, sizeof label, "Pass %d", passes);
        print_array(label, values, count);
    }
    print_array("Sorted", values, count);
    printf("Passes: %d\n", passes);
    printf("Swaps: %d\n", total_swaps);
    return 0;
}
