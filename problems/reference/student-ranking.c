#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STUDENTS 50
#define MAX_NAME 20
#define MARK_COUNT 3
#define MIN_MARK 0
#define MAX_MARK 100
#define MAX_LINE 96

typedef struct {
    char name[MAX_NAME + 1];
    int marks[MARK_COUNT];
    double average;
} Student;

static int parse_student(const char *line, Student *student)
{
    char extra = '\0';
    int fields = sscanf(line, "%20s %d %d %d %c", student->name, &student->marks[0],
                        &student->marks[1], &student->marks[2], &extra);
    if (fields != MARK_COUNT + 1) {
        return 0;
    }
    int sum = 0;
    for (int m = 0; m < MARK_COUNT; m++) {
        if (student->marks[m] < MIN_MARK || student->marks[m] > MAX_MARK) {
            return 0;
        }
        sum += student->marks[m];
    }
    student->average = (double)sum / MARK_COUNT;
    return 1;
}

static int read_students(Student students[])
{
    char line[MAX_LINE];
    int count = 0;
    if (fgets(line, sizeof line, stdin) == NULL || sscanf(line, "%d", &count) != 1 ||
        count < 1 || count > MAX_STUDENTS) {
        return -1;
    }
    for (int i = 0; i < count; i++) {
        if (fgets(line, sizeof line, stdin) == NULL || !parse_student(line, &students[i])) {
            return -1;
        }
    }
    return count;
}

static int by_average_then_name(const void *a, const void *b)
{
    const Student *left = a;
    const Student *right = b;
    if (left->average != right->average) {
        return left->average < right->average ? 1 : -1;
    }
    return strcmp(left->name, right->name);
}

static void print_best_per_mark(const Student students[], int count)
{
    for (int m = 0; m < MARK_COUNT; m++) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (students[i].marks[m] > students[best].marks[m]) {
                best = i;
            }
        }
        printf("Best in mark %d: %s (%d)\n", m + 1, students[best].name,
               students[best].marks[m]);
    }
}

int main(void)
{
    Student students[MAX_STUDENTS];
    int count = read_students(students);
    if (count < 0) {
        printf("Invalid input\n");
        return 0;
    }
    qsort(students, (size_t)count, sizeof students[0], by_average_then_name);
    double class_total = 0.0;
    for (int i = 0; i < count; i++) {
        printf("%d. %s %.2f\n", i + 1, students[i].name, students[i].average);
        class_total += students[i].average;
    }
    printf("Class average: %.2f\n", class_total / count);
    print_best_per_mark(students, count);
    return 0;
}
