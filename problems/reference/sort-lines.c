#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINES 50
#define MAX_LENGTH 60
#define BUFFER_SIZE (MAX_LENGTH + 2)

static int compare_ignoring_case(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        int diff = tolower((unsigned char)*a) - tolower((unsigned char)*b);
        if (diff != 0) {
            return diff;
        }
    }
    return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}

static int compare_lines(const char *a, const char *b)
{
    int diff = compare_ignoring_case(a, b);
    return diff != 0 ? diff : strcmp(a, b);
}

static int read_lines(char lines[][BUFFER_SIZE])
{
    char buffer[BUFFER_SIZE];
    int count = 0;
    while (count < MAX_LINES && fgets(buffer, sizeof buffer, stdin) != NULL) {
        buffer[strcspn(buffer, "\n")] = '\0';
        if (buffer[0] != '\0') {
            strcpy(lines[count++], buffer);
        }
    }
    return count;
}

static void insertion_sort(char lines[][BUFFER_SIZE], int count)
{
    char key[BUFFER_SIZE];
    for (int i = 1; i < count; i++) {
        strcpy(key, lines[i]);
        int j = i - 1;
        while (j >= 0 && compare_lines(lines[j], key) > 0) {
            strcpy(lines[j + 1], lines[j]);
            j--;
        }
        strcpy(lines[j + 1], key);
    }
}

static void print_extremes(char lines[][BUFFER_SIZE], int count)
{
    int longest = 0;
    int shortest = 0;
    for (int i = 1; i < count; i++) {
        if (strlen(lines[i]) > strlen(lines[longest])) {
            longest = i;
        }
        if (strlen(lines[i]) < strlen(lines[shortest])) {
            shortest = i;
        }
    }
    printf("Longest: %s (%zu)\n", lines[longest], strlen(lines[longest]));
    printf("Shortest: %s (%zu)\n", lines[shortest], strlen(lines[shortest]));
}

int main(void)
{
    char lines[MAX_LINES][BUFFER_SIZE];
    int count = read_lines(lines);
    if (count == 0) {
        printf("No lines\n");
        return 0;
    }
    insertion_sort(lines, count);
    for (int i = 0; i < count; i++) {
        printf("%2d. %s\n", i + 1, lines[i]);
    }
    print_extremes(lines, count);
    return 0;
}
