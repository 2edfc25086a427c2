#include <stdio.h>

#define MAX_DIM 12
#define CELL_WIDTH 4

typedef enum { RIGHT, DOWN, LEFT, UP, DIRECTION_COUNT } Direction;

static const int ROW_STEP[DIRECTION_COUNT] = {0, 1, 0, -1};
static const int COL_STEP[DIRECTION_COUNT] = {1, 0, -1, 0};

static int is_free(int rows, int cols, int grid[MAX_DIM][MAX_DIM], int r, int c)
{
    return r >= 0 && r < rows && c >= 0 && c < cols && grid[r][c] == 0;
}

static void fill_spiral(int rows, int cols, int grid[MAX_DIM][MAX_DIM])
{
    int r = 0;
    int c = 0;
    Direction dir = RIGHT;
    for (int value = 1; value <= rows * cols; value++) {
        grid[r][c] = value;
        int next_r = r + ROW_STEP[dir];
        int next_c = c + COL_STEP[dir];
        if (!is_free(rows, cols, grid, next_r, next_c)) {
            dir = (Direction)((dir + 1) % DIRECTION_COUNT);
            next_r = r + ROW_STEP[dir];
            next_c = c + COL_STEP[dir];
        }
        r = next_r;
        c = next_c;
    }
}

static void print_grid(int rows, int cols, int grid[MAX_DIM][MAX_DIM])
{
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            printf("%*d", CELL_WIDTH, grid[r][c]);
        }
        putchar('\n');
    }
}

static int diagonal_sum(int rows, int cols, int grid[MAX_DIM][MAX_DIM])
{
    int sum = 0;
    for (int i = 0; i < rows && i < cols; i++) {
        sum += grid[i][i];
    }
    return sum;
}

static int border_sum(int rows, int cols, int grid[MAX_DIM][MAX_DIM])
{
    int sum = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            if (r == 0 || c == 0 || r == rows - 1 || c == cols - 1) {
                sum += grid[r][c];
            }
        }
    }
    return sum;
}

int main(void)
{
    int rows = 0;
    int cols = 0;
    int grid[MAX_DIM][MAX_DIM] = {{0}};
    if (scanf("%d %d", &rows, &cols) != 2 || rows < 1 || rows > MAX_DIM || cols < 1 ||
        cols > MAX_DIM) {
        printf("Dimensions must be between 1 and %d\n", MAX_DIM);
        return 0;
    }
    fill_spiral(rows, cols, grid);
    print_grid(rows, cols, grid);
    printf("Diagonal sum: %d\n", diagonal_sum(rows, cols, grid));
    printf("Border sum: %d\n", border_sum(rows, cols, grid));
    return 0;
}
