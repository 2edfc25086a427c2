#include <stdio.h>

#define TABLE_SIZE (sizeof FIBONACCI / sizeof FIBONACCI[0])
#define NOT_FOUND (-1)

static const int FIBONACCI[] = {2,   3,   5,   8,   13,  21,  34,   55,
                                89,  144, 233, 377, 610, 987, 1597, 2584};

static int binary_search(const int values[], int count, int target, int *probes)
{
    int low = 0;
    int high = count - 1;
    *probes = 0;
    while (low <= high) {
        int mid = low + (high - low) / 2;
        (*probes)++;
        if (values[mid] == target) {
            return mid;
        }
        if (values[mid] < target) {
            low = mid + 1;
        } else {
            high = mid - 1;
        }
    }
    return NOT_FOUND;
}

int main(void)
{
    int target = 0;
    int queries = 0;
    int found = 0;
    while (scanf("%d", &target) == 1) {
        int probes = 0;
        int index = binary_search(FIBONACCI, (int)TABLE_SIZE, target, &probes);
        queries++;
        if (index == NOT_FOUND) {
            printf("%d: not found after %d probes\n", target, probes);
        } else {
            printf("%d: found at index %d after %d probes\n", target, index, probes);
            found++;
        }
    }
    printf("Found %d of %d\n", found, queries);
    return 0;
}
