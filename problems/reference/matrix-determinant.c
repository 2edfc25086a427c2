#include <stdio.h>

#define MAX_SIZE 6

typedef struct {
    int size;
    long cells[MAX_SIZE][MAX_SIZE];
} Matrix;

static int read_matrix(Matrix *m)
{
    if (scanf("%d", &m->size) != 1 || m->size < 1 || m->size > MAX_SIZE) {
        return 0;
    }
    for (int r = 0; r < m->size; r++) {
        for (int c = 0; c < m->size; c++) {
            if (scanf("%ld", &m->cells[r][c]) != 1) {
                return 0;
            }
        }
    }
    return 1;
}

static void minor_without(const Matrix *m, int skipped_col, Matrix *minor)
{
    minor->size = m->size - 1;
    for (int r = 1; r < m->size; r++) {
        int target_col = 0;
        for (int c = 0; c < m->size; c++) {
            if (c != skipped_col) {
                minor->cells[r - 1][target_col++] = m->cells[r][c];
            }
        }
    }
}

static long determinant(const Matrix *m)
{
    if (m->size == 1) {
        return m->cells[0][0];
    }
    long result = 0;
    int sign = 1;
    for (int c = 0; c < m->size; c++) {
        Matrix minor;
        minor_without(m, c, &minor);
        result += sign * m->cells[0][c] * determinant(&minor);
        sign = -sign;
    }
    return result;
}

static long trace(const Matrix *m)
{
    long sum = 0;
    for (int i = 0; i < m->size; i++) {
        sum += m->cells[i][i];
    }
    return sum;
}

int main(void)
{
    Matrix m;
    if (!read_matrix(&m)) {
        printf("Invalid matrix\n");
        return 0;
    }
    long det = determinant(&m);
    printf("Size: %dx%d\n", m.size, m.size);
    printf("Trace: %ld\n", trace(&m));
    printf("Determinant: %ld\n", det);
    printf("%s\n", det == 0 ? "Singular" : "Invertible");
    return 0;
}
