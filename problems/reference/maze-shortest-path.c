#include <stdio.h>
#include <string.h>

#define MAX_DIM 20
#define LINE_SIZE (MAX_DIM + 3)
#define WALL '#'
#define START 'S'
#define EXIT 'E'
#define PATH '*'
#define UNVISITED (-1)
#define DIRECTIONS 4

/* Up, right, down, left: the order decides which of several shortest paths is drawn. */
static const int ROW_STEP[DIRECTIONS] = {-1, 0, 1, 0};
static const int COL_STEP[DIRECTIONS] = {0, 1, 0, -1};

typedef struct {
    int rows;
    int cols;
    char cells[MAX_DIM][MAX_DIM + 1];
} Maze;

typedef struct {
    int row;
    int col;
} Cell;

static int find_cell(const Maze *maze, char wanted, Cell *found)
{
    int matches = 0;
    for (int r = 0; r < maze->rows; r++) {
        for (int c = 0; c < maze->cols; c++) {
            if (maze->cells[r][c] == wanted) {
                *found = (Cell){r, c};
                matches++;
            }
        }
    }
    return matches == 1;
}

static int read_maze(Maze *maze)
{
    char line[LINE_SIZE];
    if (fgets(line, sizeof line, stdin) == NULL ||
        sscanf(line, "%d %d", &maze->rows, &maze->cols) != 2 || maze->rows < 1 ||
        maze->rows > MAX_DIM || maze->cols < 1 || maze->cols > MAX_DIM) {
        return 0;
    }
    for (int r = 0; r < maze->rows; r++) {
        if (fgets(line, sizeof line, stdin) == NULL) {
            return 0;
        }
        line[strcspn(line, "\n")] = '\0';
        if ((int)strlen(line) != maze->cols || strspn(line, "#.SE") != strlen(line)) {
            return 0;
        }
        strcpy(maze->cells[r], line);
    }
    return 1;
}

static int shortest_path(const Maze *maze, Cell start, Cell goal, Cell parent[][MAX_DIM])
{
    int distance[MAX_DIM][MAX_DIM];
    Cell queue[MAX_DIM * MAX_DIM];
    int head = 0;
    int tail = 0;
    memset(distance, UNVISITED, sizeof distance);
    distance[start.row][start.col] = 0;
    queue[tail++] = start;
    while (head < tail) {
        Cell here = queue[head++];
        if (here.row == goal.row && here.col == goal.col) {
            return distance[here.row][here.col];
        }
        for (int d = 0; d < DIRECTIONS; d++) {
            int r = here.row + ROW_STEP[d];
            int c = here.col + COL_STEP[d];
            if (r < 0 || r >= maze->rows || c < 0 || c >= maze->cols ||
                maze->cells[r][c] == WALL || distance[r][c] != UNVISITED) {
                continue;
            }
            distance[r][c] = distance[here.row][here.col] + 1;
            parent[r][c] = here;
            queue[tail++] = (Cell){r, c};
        }
    }
    return UNVISITED;
}

static void mark_path(Maze *maze, Cell start, Cell goal, Cell parent[][MAX_DIM])
{
    Cell here = parent[goal.row][goal.col];
    while (here.row != start.row || here.col != start.col) {
        maze->cells[here.row][here.col] = PATH;
        here = parent[here.row][here.col];
    }
}

int main(void)
{
    Maze maze;
    Cell start;
    Cell goal;
    Cell parent[MAX_DIM][MAX_DIM];
    if (!read_maze(&maze) || !find_cell(&maze, START, &start) || !find_cell(&maze, EXIT, &goal)) {
        printf("Invalid maze\n");
        return 0;
    }
    int steps = shortest_path(&maze, start, goal, parent);
    if (steps == UNVISITED) {
        printf("No path\n");
        return 0;
    }
    printf("Shortest path: %d steps\n", steps);
    mark_path(&maze, start, goal, parent);
    for (int r = 0; r < maze.rows; r++) {
        printf("%s\n", maze.cells[r]);
    }
    return 0;
}
