#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define SIZE 3
#define CELLS (SIZE * SIZE)
#define LINE_COUNT 8
#define MAX_LINE 32

static const int WINNING_LINES[LINE_COUNT][SIZE] = {
    {0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6}, {1, 4, 7}, {2, 5, 8}, {0, 4, 8}, {2, 4, 6},
};

static int count_of(const char *board, char mark)
{
    int count = 0;
    for (int i = 0; i < CELLS; i++) {
        count += board[i] == mark;
    }
    return count;
}

static bool wins(const char *board, char mark)
{
    for (int l = 0; l < LINE_COUNT; l++) {
        const int *cells = WINNING_LINES[l];
        if (board[cells[0]] == mark && board[cells[1]] == mark && board[cells[2]] == mark) {
            return true;
        }
    }
    return false;
}

static const char *judge(const char *board)
{
    if (strlen(board) != CELLS || strspn(board, "XO.") != CELLS) {
        return "invalid";
    }
    int x = count_of(board, 'X');
    int o = count_of(board, 'O');
    bool x_wins = wins(board, 'X');
    bool o_wins = wins(board, 'O');
    if ((x != o && x != o + 1) || (x_wins && o_wins) || (x_wins && x != o + 1) ||
        (o_wins && x != o)) {
        return "invalid";
    }
    if (x_wins) {
        return "X wins";
    }
    if (o_wins) {
        return "O wins";
    }
    if (x + o == CELLS) {
        return "draw";
    }
    return x == o ? "in progress, X to play" : "in progress, O to play";
}

int main(void)
{
    char line[MAX_LINE];
    int board_number = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        printf("board %d: %s\n", ++board_number, judge(line));
    }
    return 0;
}
