#include <stdio.h>

#define MAX_GRADES 100
#define MIN_GRADE 0
#define MAX_GRADE 100
#define BUCKET_COUNT 5
#define BUCKET_WIDTH 20

static const char *const BUCKET_LABELS[BUCKET_COUNT] = {"0-19", "20-39", "40-59", "60-79",
                                                         "80-100"};

static int read_grades(int grades[], int capacity)
{
    int count = 0;
    if (scanf("%d", &count) != 1 || count < 0 || count > capacity) {
        return -1;
    }
    for (int i = 0; i < count; i++) {
        if (scanf("%d", &grades[i]) != 1 || grades[i] < MIN_GRADE || grades[i] > MAX_GRADE) {
            return -1;
        }
    }
    return count;
}

static double average(const int grades[], int count)
{
    long sum = 0;
    for (int i = 0; i < count; i++) {
        sum += grades[i];
    }
    return (double)sum / count;
}

static void find_min_max(const int grades[], int count, int *min, int *max)
{
    *min = grades[0];
    *max = grades[0];
    for (int i = 1; i < count; i++) {
        if (grades[i] < *min) {
            *min = grades[i];
        }
        if (grades[i] > *max) {
            *max = grades[i];
        }
    }
}

static int bucket_of(int grade)
{
    int bucket = grade / BUCKET_WIDTH;
    /* The top grade belongs to the last bucket, which is one wider than the others. */
    return bucket < BUCKET_COUNT ? bucket : BUCKET_COUNT - 1;
}

static void print_histogram(const int grades[], int count)
{
    int buckets[BUCKET_COUNT] = {0};
    for (int i = 0; i < count; i++) {
        buckets[bucket_of(grades[i])]++;
    }
    for (int b = 0; b < BUCKET_COUNT; b++) {
        printf("%-6s|", BUCKET_LABELS[b]);
        for (int star = 0; star < buckets[b]; star++) {
            putchar('*');
        }
        putchar('\n');
    }
}

int main(void)
{
    int grades[MAX_GRADES];
    int count = read_grades(grades, MAX_GRADES);
    if (count < 0) {
        printf("Invalid input\n");
        return 0;
    }
    if (count == 0) {
        printf("No grades\n");
        return 0;
    }
    int min = 0;
    int max = 0;
    find_min_max(grades, count, &min, &max);
    printf("Count: %d\n", count);
    printf("Min: %d\n", min);
    printf("Max: %d\n", max);
    printf("Average: %.2f\n", average(grades, count));
    print_histogram(grades, count);
    return 0;
}
