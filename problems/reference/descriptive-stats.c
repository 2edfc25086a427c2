#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_VALUES 200

static int compare_ints(const void *a, const void *b)
{
    int left = *(const int *)a;
    int right = *(const int *)b;
    return (left > right) - (left < right);
}

static double mean(const int values[], int count)
{
    long sum = 0;
    for (int i = 0; i < count; i++) {
        sum += values[i];
    }
    return (double)sum / count;
}

static double median(const int sorted[], int count)
{
    int middle = count / 2;
    if (count % 2 == 1) {
        return sorted[middle];
    }
    return (sorted[middle - 1] + sorted[middle]) / 2.0;
}

static double standard_deviation(const int values[], int count, double average)
{
    double squares = 0.0;
    for (int i = 0; i < count; i++) {
        double diff = values[i] - average;
        squares += diff * diff;
    }
    return sqrt(squares / count);
}

/* On sorted data equal values are adjacent, so the longest run is the mode; the first
   longest run holds the smallest such value. */
static int longest_run(const int sorted[], int count, int *mode)
{
    int best = 0;
    for (int start = 0; start < count;) {
        int end = start;
        while (end < count && sorted[end] == sorted[start]) {
            end++;
        }
        if (end - start > best) {
            best = end - start;
            *mode = sorted[start];
        }
        start = end;
    }
    return best;
}

int main(void)
{
    int values[MAX_VALUES];
    int count = 0;
    while (count < MAX_VALUES && scanf("%d", &values[count]) == 1) {
        count++;
    }
    if (count == 0) {
        printf("No data\n");
        return 0;
    }
    qsort(values, (size_t)count, sizeof values[0], compare_ints);
    double average = mean(values, count);
    int mode = 0;
    int mode_count = longest_run(values, count, &mode);
    printf("Count: %d\n", count);
    printf("Mean: %.2f\n", average);
    printf("Median: %.1f\n", median(values, count));
    if (mode_count > 1) {
        printf("Mode: %d (%d times)\n", mode, mode_count);
    } else {
        printf("Mode: none\n");
    }
    printf("Range: %d\n", values[count - 1] - values[0]);
    printf("Std dev: %.3f\n", standard_deviation(values, count, average));
    return 0;
}
