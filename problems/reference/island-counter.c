#include <stdio.h>
#include <string.h>

#define MAX_DIM 20
#define LINE_SIZE (MAX_DIM + 3)
#define LAND '#'
#define WATER '.'
#define MAX_LABELS 26

typedef struct {
    int rows;
    int cols;
    char cells[MAX_DIM][MAX_DIM + 1];
} Grid;

static int read_grid(Grid *grid)
{
    char line[LINE_SIZE];
    if (fgets(line, sizeof line, stdin) == NULL ||
        sscanf(line, "%d %d", &grid->rows, &grid->cols) != 2 || grid->rows < 1 ||
        grid->rows > MAX_DIM || grid->cols < 1 || grid->cols > MAX_DIM) {
        return 0;
    }
    for (int r = 0; r < grid->rows; r++) {
        if (fgets(line, sizeof line, stdin) == NULL) {
            return 0;
        }
        line[strcspn(line, "\n")] = '\0';
        if ((int)strlen(line) != grid->cols || strspn(line, "#.") != strlen(line)) {
            return 0;
        }
        strcpy(grid->cells[r], line);
    }
    return 1;
}

static int flood(Grid *grid, int r, int c, char label)
{
    if (r < 0 || r >= grid->rows || c < 0 || c >= grid->cols || grid->cells[r][c] != LAND) {
        return 0;
    }
    grid->cells[r][c] = label;
    return 1 + flood(grid, r - 1, c, label) + flood(grid, r + 1, c, label) +
           flood(grid, r, c - 1, label) + flood(grid, r, c + 1, label);
}

int main(void)
{
    Grid grid;
    if (!read_grid(&grid)) {
        printf("Invalid grid\n");
        return 0;
    }
    int islands = 0;
    int largest = 0;
    for (int r = 0; r < grid.rows; r++) {
        for (int c = 0; c < grid.cols; c++) {
            if (grid.cells[r][c] != LAND || islands == MAX_LABELS) {
                continue;
            }
            int size = flood(&grid, r, c, (char)('a' + islands));
            islands++;
            if (size > largest) {
                largest = size;
            }
        }
    }
    printf("Islands: %d\n", islands);
    printf("Largest: %d\n", largest);
    for (int r = 0; r < grid.rows; r++) {
        printf("%s\n", grid.cells[r]);
    }
    return 0;
}
