#include <stdio.h>

#define ROWS 4
#define COLS 5
#define CELL_WIDTH 5

static void print_matrix(int rows, int cols, int cells[rows][cols])
{
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            printf("%*d", CELL_WIDTH, cells[r][c]);
        }
        putchar('\n');
    }
}

static void transpose(int source[ROWS][COLS], int target[COLS][ROWS])
{
    for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) {
            target[c][r] = source[r][c];
        }
    }
}

static void print_row_sums(int cells[ROWS][COLS])
{
    printf("Row sums:");
    for (int r = 0; r < ROWS; r++) {
        int sum = 0;
        for (int c = 0; c < COLS; c++) {
            sum += cells[r][c];
        }
        printf(" %d", sum);
    }
    putchar('\n');
}

static void print_column_sums(int cells[ROWS][COLS])
{
    printf("Column sums:");
    for (int c = 0; c < COLS; c++) {
        int sum = 0;
        for (int r = 0; r < ROWS; r++) {
            sum += cells[r][c];
        }
        printf(" %d", sum);
    }
    putchar('\n');
}

static void print_maximum(int cells[ROWS][COLS])
{
    int best_row = 0;
    int best_col = 0;
    for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) {
            if (cells[r][c] > cells[best_row][best_col]) {
                best_row = r;
                best_col = c;
            }
        }
    }
    printf("Maximum: %d at row %d, column %d\n", cells[best_row][best_col], best_row, best_col);
}

int main(void)
{
    int matrix[ROWS][COLS] = {
        {3, -1, 4, 1, -5},
        {9, 2, -6, 5, 3},
        {5, 8, 9, -7, 9},
        {-3, 2, 3, 8, 4},
    };
    int transposed[COLS][ROWS];

    printf("Matrix:\n");
    print_matrix(ROWS, COLS, matrix);
    transpose(matrix, transposed);
    printf("Transpose:\n");
    print_matrix(COLS, ROWS, transposed);
    print_row_sums(matrix);
    print_column_sums(matrix);
    print_maximum(matrix);
    return 0;
}
