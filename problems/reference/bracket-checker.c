#include <stdio.h>
#include <string.h>

#define MAX_LINE 160
#define MAX_DEPTH MAX_LINE

static const char OPENERS[] = "([{";
static const char CLOSERS[] = ")]}";

typedef struct {
    char symbol[MAX_DEPTH];
    int column[MAX_DEPTH];
    int size;
} Stack;

static char closer_for(char opener)
{
    return CLOSERS[strchr(OPENERS, opener) - OPENERS];
}

static void check_line(int line_number, const char *line)
{
    Stack stack = {.size = 0};
    int max_depth = 0;
    for (int i = 0; line[i] != '\0'; i++) {
        char c = line[i];
        int column = i + 1;
        if (strchr(OPENERS, c) != NULL) {
            stack.symbol[stack.size] = c;
            stack.column[stack.size] = column;
            stack.size++;
            if (stack.size > max_depth) {
                max_depth = stack.size;
            }
        } else if (strchr(CLOSERS, c) != NULL) {
            if (stack.size == 0) {
                printf("line %d: unexpected '%c' at column %d\n", line_number, c, column);
                return;
            }
            char expected = closer_for(stack.symbol[stack.size - 1]);
            if (c != expected) {
                printf("line %d: expected '%c' but found '%c' at column %d\n", line_number,
                       expected, c, column);
                return;
            }
            stack.size--;
        }
    }
    if (stack.size > 0) {
        printf("line %d: unclosed '%c' opened at column %d\n", line_number,
               stack.symbol[stack.size - 1], stack.column[stack.size - 1]);
        return;
    }
    printf("line %d: balanced (depth %d)\n", line_number, max_depth);
}

int main(void)
{
    char line[MAX_LINE];
    int line_number = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        check_line(++line_number, line);
    }
    return 0;
}
