#include <stdbool.h>
#include <stdio.h>

#define MAX_SIZE 8

typedef struct {
    int size;
    int cells[MAX_SIZE][MAX_SIZE];
} Square;

static bool read_square(Square *sq)
{
    if (scanf("%d", &sq->size) != 1 || sq->size < 1 || sq->size > MAX_SIZE) {
        return false;
    }
    for (int r = 0; r < sq->size; r++) {
        for (int c = 0; c < sq->size; c++) {
            if (scanf("%d", &sq->cells[r][c]) != 1) {
                return false;
            }
        }
    }
    return true;
}

static void line_sums(const Square *sq, int rows[], int cols[], int diagonals[2])
{
    diagonals[0] = 0;
    diagonals[1] = 0;
    for (int i = 0; i < sq->size; i++) {
        rows[i] = 0;
        cols[i] = 0;
        for (int j = 0; j < sq->size; j++) {
            rows[i] += sq->cells[i][j];
            cols[i] += sq->cells[j][i];
        }
        diagonals[0] += sq->cells[i][i];
        diagonals[1] += sq->cells[i][sq->size - 1 - i];
    }
}

static void print_sums(const char *label, const int sums[], int count)
{
    printf("%s:", label);
    for (int i = 0; i < count; i++) {
        printf(" %d", sums[i]);
    }
    putchar('\n');
}

static bool all_equal(const int values[], int count, int target)
{
    for (int i = 0; i < count; i++) {
        if (values[i] != target) {
            return false;
        }
    }
    return true;
}

static bool holds_one_to_n_squared(const Square *sq)
{
    bool seen[MAX_SIZE * MAX_SIZE + 1] = {false};
    int last = sq->size * sq->size;
    for (int r = 0; r < sq->size; r++) {
        for (int c = 0; c < sq->size; c++) {
            int v = sq->cells[r][c];
            if (v < 1 || v > last || seen[v]) {
                return false;
            }
            seen[v] = true;
        }
    }
    return true;
}

int main(void)
{
    Square sq;
    int rows[MAX_SIZE];
    int cols[MAX_SIZE];
    int diagonals[2];
    if (!read_square(&sq)) {
        printf("Invalid square\n");
        return 0;
    }
    line_sums(&sq, rows, cols, diagonals);
    print_sums("Rows", rows, sq.size);
    print_sums("Columns", cols, sq.size);
    print_sums("Diagonals", diagonals, 2);

    int target = rows[0];
    bool semi = all_equal(rows, sq.size, target) && all_equal(cols, sq.size, target);
    if (!semi) {
        printf("Not magic\n");
    } else if (!all_equal(diagonals, 2, target)) {
        printf("Semi-magic square (constant %d)\n", target);
    } else if (holds_one_to_n_squared(&sq)) {
        printf("Normal magic square (constant %d)\n", target);
    } else {
        printf("Magic square (constant %d)\n", target);
    }
    return 0;
}
