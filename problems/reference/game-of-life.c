#include <stdio.h>
#include <string.h>

#define MAX_DIM 20
#define MAX_GENERATIONS 10
#define LINE_SIZE (MAX_DIM + 3)
#define ALIVE '#'
#define DEAD '.'
#define BIRTH_NEIGHBOURS 3
#define MIN_SURVIVAL 2
#define MAX_SURVIVAL 3

typedef struct {
    int rows;
    int cols;
    char cells[MAX_DIM][MAX_DIM + 1];
} Grid;

static int read_grid(Grid *grid, int *generations)
{
    char line[LINE_SIZE];
    if (fgets(line, sizeof line, stdin) == NULL ||
        sscanf(line, "%d %d %d", &grid->rows, &grid->cols, generations) != 3 ||
        grid->rows < 1 || grid->rows > MAX_DIM || grid->cols < 1 || grid->cols > MAX_DIM ||
        *generations < 0 || *generations > MAX_GENERATIONS) {
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

static int live_neighbours(const Grid *grid, int row, int col)
{
    int count = 0;
    for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++) {
            int r = row + dr;
            int c = col + dc;
            if ((dr != 0 || dc != 0) && r >= 0 && r < grid->rows && c >= 0 && c < grid->cols &&
                grid->cells[r][c] == ALIVE) {
                count++;
            }
        }
    }
    return count;
}

static void next_generation(const Grid *current, Grid *next)
{
    *next = *current;
    for (int r = 0; r < current->rows; r++) {
        for (int c = 0; c < current->cols; c++) {
            int n = live_neighbours(current, r, c);
            int alive = current->cells[r][c] == ALIVE;
            int survives = alive && n >= MIN_SURVIVAL && n <= MAX_SURVIVAL;
            int born = !alive && n == BIRTH_NEIGHBOURS;
            next->cells[r][c] = survives || born ? ALIVE : DEAD;
        }
    }
}

static int count_alive(const Grid *grid)
{
    int alive = 0;
    for (int r = 0; r < grid->rows; r++) {
        for (int c = 0; c < grid->cols; c++) {
            alive += grid->cells[r][c] == ALIVE;
        }
    }
    return alive;
}

static void print_generation(const Grid *grid, int generation)
{
    printf("Generation %d (alive %d):\n", generation, count_alive(grid));
    for (int r = 0; r < grid->rows; r++) {
        printf("%s\n", grid->cells[r]);
    }
}

int main(void)
{
    Grid grid;
    Grid next;
    int generations = 0;
    if (!read_grid(&grid, &generations)) {
        printf("Invalid input\n");
        return 0;
    }
    print_generation(&grid, 0);
    for (int g = 1; g <= generations; g++) {
        next_generation(&grid, &next);
        grid = next;
        print_generation(&grid, g);
    }
    return 0;
}
