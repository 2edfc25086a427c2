#include <stdio.h>

#define MAX_VALUES 1000
#define VALUES_PER_LINE 10

static long merge(int values[], int scratch[], int left, int middle, int right)
{
    long inversions = 0;
    int i = left;
    int j = middle;
    int k = left;
    while (i < middle && j < right) {
        if (values[i] <= values[j]) {
            scratch[k++] = values[i++];
        } else {
            /* Every value still waiting on the left is greater than values[j]. */
            inversions += middle - i;
            scratch[k++] = values[j++];
        }
    }
    while (i < middle) {
        scratch[k++] = values[i++];
    }
    while (j < right) {
        scratch[k++] = values[j++];
    }
    for (k = left; k < right; k++) {
        values[k] = scratch[k];
    }
    return inversions;
}

static long merge_sort(int values[], int scratch[], int left, int right)
{
    if (right - left < 2) {
        return 0;
    }
    int middle = left + (right - left) / 2;
    long inversions = merge_sort(values, scratch, left, middle);
    inversions += merge_sort(values, scratch, middle, right);
    return inversions + merge(values, scratch, left, middle, right);
}

static void print_values(const int values[], int count)
{
    for (int i = 0; i < count; i++) {
        int ends_line = (i + 1) % VALUES_PER_LINE == 0 || i == count - 1;
        printf("%d%c", values[i], ends_line ? '\n' : ' ');
    }
}

int main(void)
{
    static int values[MAX_VALUES];
    static int scratch[MAX_VALUES];
    int count = 0;
    if (scanf("%d", &count) != 1 || count < 0 || count > MAX_VALUES) {
        printf("Invalid input\n");
        return 0;
    }
    for (int i = 0; i < count; i++) {
        if (scanf("%d", &values[i]) != 1) {
            printf("Invalid input\n");
            return 0;
        }
    }
    long inversions = merge_sort(values, scratch, 0, count);
    print_values(values, count);
    printf("Inversions: %ld\n", inversions);
    return 0;
}
