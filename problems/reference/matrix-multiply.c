#include <stdio.h>

#define MAX_DIM 10
#define CELL_WIDTH 6

typedef struct {
    int rows;
    int cols;
    long cells[MAX_DIM][MAX_DIM];
} Matrix;

static int read_matrix(Matrix *m)
{
    if (scanf("%d %d", &m->rows, &m->cols) != 2 || m->rows < 1 || m->rows > MAX_DIM ||
        m->cols < 1 || m->cols > MAX_DIM) {
        return 0;
    }
    for (int r = 0; r < m->rows; r++) {
        for (int c = 0; c < m->cols; c++) {
            if (scanf("%ld", &m->cells[r][c]) != 1) {
                return 0;
            }
        }
    }
    return 1;
}

static void multiply(const Matrix *a, const Matrix *b, Matrix *product)
{
    product->rows = a->rows;
    product->cols = b->cols;
    for (int r = 0; r < a->rows; r++) {
        for (int c = 0; c < b->cols; c++) {
            long sum = 0;
            for (int k = 0; k < a->cols; k++) {
                sum += a->cells[r][k] * b->cells[k][c];
            }
            product->cells[r][c] = sum;
        }
    }
}

static void print_matrix(const Matrix *m)
{
    for (int r = 0; r < m->rows; r++) {
        for (int c = 0; c < m->cols; c++) {
            printf("%*ld", CELL_WIDTH, m->cells[r][c]);
        }
        putchar('\n');
    }
}

static void print_trace(const Matrix *m)
{
    if (m->rows != m->cols) {
        printf("Trace: n/a\n");
        return;
    }
    long trace = 0;
    for (int i = 0; i < m->rows; i++) {
        trace += m->cells[i][i];
    }
    printf("Trace: %ld\n", trace);
}

int main(void)
{
    Matrix a;
    Matrix b;
    Matrix product;
    if (!read_matrix(&a) || !read_matrix(&b)) {
        printf("Error: invalid matrix\n");
        return 0;
    }
    if (a.cols != b.rows) {
        printf("Error: cannot multiply %dx%d by %dx%d\n", a.rows, a.cols, b.rows, b.cols);
        return 0;
    }
    multiply(&a, &b, &product);
    printf("Result %dx%d:\n", product.rows, product.cols);
    print_matrix(&product);
    print_trace(&product);
    return 0;
}
