#include <stdio.h>

#define MAX_ROWS 15
#define CELL_WIDTH 6
#define INDENT_PER_ROW 3

static void build_triangle(int rows, long triangle[MAX_ROWS][MAX_ROWS])
{
    for (int r = 0; r < rows; r++) {
        triangle[r][0] = 1;
        triangle[r][r] = 1;
        for (int c = 1; c < r; c++) {
            triangle[r][c] = triangle[r - 1][c - 1] + triangle[r - 1][c];
        }
    }
}

static void print_triangle(int rows, long triangle[MAX_ROWS][MAX_ROWS])
{
    for (int r = 0; r < rows; r++) {
        printf("%*s", INDENT_PER_ROW * (rows - 1 - r), "");
        for (int c = 0; c <= r; c++) {
            printf("%*ld", CELL_WIDTH, triangle[r][c]);
        }
        putchar('\n');
    }
}

static long row_sum(int row, long triangle[MAX_ROWS][MAX_ROWS])
{
    long sum = 0;
    for (int c = 0; c <= row; c++) {
        sum += triangle[row][c];
    }
    return sum;
}

int main(void)
{
    int rows = 0;
    long triangle[MAX_ROWS][MAX_ROWS];
    if (scanf("%d", &rows) != 1 || rows < 1 || rows > MAX_ROWS) {
        printf("Rows must be between 1 and %d\n", MAX_ROWS);
        return 0;
    }
    build_triangle(rows, triangle);
    print_triangle(rows, triangle);
    printf("Row sums:");
    for (int r = 0; r < rows; r++) {
        printf(" %ld", row_sum(r, triangle));
    }
    putchar('\n');
    printf("Middle of last row: %ld\n", triangle[rows - 1][(rows - 1) / 2]);
    return 0;
}
