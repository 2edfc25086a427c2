#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_QUEENS 10
#define NONE (-1)

typedef struct {
    int size;
    int column_of_row[MAX_QUEENS];
    int first_solution[MAX_QUEENS];
    long solutions;
} Board;

static bool is_safe(const Board *board, int row, int col)
{
    for (int r = 0; r < row; r++) {
        int c = board->column_of_row[r];
        if (c == col || abs(c - col) == row - r) {
            return false;
        }
    }
    return true;
}

static void place_queens(Board *board, int row)
{
    if (row == board->size) {
        if (board->solutions == 0) {
            for (int r = 0; r < board->size; r++) {
                board->first_solution[r] = board->column_of_row[r];
            }
        }
        board->solutions++;
        return;
    }
    for (int col = 0; col < board->size; col++) {
        if (is_safe(board, row, col)) {
            board->column_of_row[row] = col;
            place_queens(board, row + 1);
            board->column_of_row[row] = NONE;
        }
    }
}

static void print_solution(const Board *board)
{
    for (int r = 0; r < board->size; r++) {
        for (int c = 0; c < board->size; c++) {
            putchar(board->first_solution[r] == c ? 'Q' : '.');
        }
        putchar('\n');
    }
}

int main(void)
{
    Board board = {.solutions = 0};
    if (scanf("%d", &board.size) != 1 || board.size < 1 || board.size > MAX_QUEENS) {
        printf("N must be between 1 and %d\n", MAX_QUEENS);
        return 0;
    }
    place_queens(&board, 0);
    printf("Solutions: %ld\n", board.solutions);
    if (board.solutions == 0) {
        printf("No solution\n");
    } else {
        print_solution(&board);
    }
    return 0;
}
