#include <stdio.h>

#define SUBJECT_COUNT 4
#define STUDENT_COUNT (sizeof STUDENTS / sizeof STUDENTS[0])
#define GRADE_A_MIN 90.0
#define GRADE_B_MIN 80.0
#define GRADE_C_MIN 70.0
#define GRADE_D_MIN 60.0

typedef struct {
    const char *name;
    int marks[SUBJECT_COUNT];
} Student;

static const char *const SUBJECTS[SUBJECT_COUNT] = {"Math", "Phys", "Chem", "Bio"};

static const Student STUDENTS[] = {
    {"Ada", {95, 88, 92, 79}},   {"Brian", {72, 65, 80, 58}}, {"Chen", {88, 91, 85, 94}},
    {"Dilan", {55, 62, 48, 70}}, {"Eva", {81, 79, 90, 85}},
};

static double student_average(const Student *student)
{
    int sum = 0;
    for (int s = 0; s < SUBJECT_COUNT; s++) {
        sum += student->marks[s];
    }
    return (double)sum / SUBJECT_COUNT;
}

static char letter_grade(double average)
{
    if (average >= GRADE_A_MIN) {
        return 'A';
    }
    if (average >= GRADE_B_MIN) {
        return 'B';
    }
    if (average >= GRADE_C_MIN) {
        return 'C';
    }
    return average >= GRADE_D_MIN ? 'D' : 'F';
}

static void print_table(void)
{
    printf("%-8s", "Name");
    for (int s = 0; s < SUBJECT_COUNT; s++) {
        printf("%6s", SUBJECTS[s]);
    }
    printf("%8s%6s\n", "Avg", "Grade");
    for (size_t i = 0; i < STUDENT_COUNT; i++) {
        const Student *student = &STUDENTS[i];
        double average = student_average(student);
        printf("%-8s", student->name);
        for (int s = 0; s < SUBJECT_COUNT; s++) {
            printf("%6d", student->marks[s]);
        }
        printf("%8.2f%6c\n", average, letter_grade(average));
    }
}

static void print_subject_averages(void)
{
    printf("%-8s", "Average");
    for (int s = 0; s < SUBJECT_COUNT; s++) {
        int sum = 0;
        for (size_t i = 0; i < STUDENT_COUNT; i++) {
            sum += STUDENTS[i].marks[s];
        }
        printf("%6.1f", (double)sum / STUDENT_COUNT);
    }
    putchar('\n');
}

static void print_top_student(void)
{
    size_t best = 0;
    for (size_t i = 1; i < STUDENT_COUNT; i++) {
        if (student_average(&STUDENTS[i]) > student_average(&STUDENTS[best])) {
            best = i;
        }
    }
    printf("Top student: %s (%.2f)\n", STUDENTS[best].name, student_average(&STUDENTS[best]));
}

int main(void)
{
    print_table();
    print_subject_averages();
    print_top_student();
    return 0;
}
