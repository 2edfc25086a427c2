#include <stdio.h>
#include <string.h>

#define MAX_LINE 96
#define MAX_NAME 20

typedef struct {
    char name[MAX_NAME + 1];
    int quantity;
    double unit_price;
} Row;

typedef struct {
    int rows;
    int quantity;
    double value;
    char top_name[MAX_NAME + 1];
    double top_value;
} Totals;

static int parse_row(const char *line, Row *row)
{
    int consumed = 0;
    if (sscanf(line, "%20[^,],%d,%lf%n", row->name, &row->quantity, &row->unit_price,
               &consumed) != 3) {
        return 0;
    }
    return line[consumed] == '\0' && row->quantity >= 0 && row->unit_price >= 0.0;
}

static void add_row(Totals *totals, const Row *row, double value)
{
    totals->rows++;
    totals->quantity += row->quantity;
    totals->value += value;
    if (totals->rows == 1 || value > totals->top_value) {
        strcpy(totals->top_name, row->name);
        totals->top_value = value;
    }
}

static void print_header(void)
{
    printf("%-20s%6s%10s%12s\n", "Item", "Qty", "Price", "Value");
}

static void print_totals(const Totals *totals)
{
    printf("%-20s%6d%22.2f\n", "TOTAL", totals->quantity, totals->value);
    if (totals->rows > 0) {
        printf("Most valuable: %s\n", totals->top_name);
    }
}

int main(void)
{
    char line[MAX_LINE];
    Totals totals = {0};
    int line_number = 1;
    if (fgets(line, sizeof line, stdin) == NULL) {
        printf("No header\n");
        return 0;
    }
    print_header();
    while (fgets(line, sizeof line, stdin) != NULL) {
        Row row;
        line_number++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!parse_row(line, &row)) {
            printf("line %d: invalid\n", line_number);
            continue;
        }
        double value = row.quantity * row.unit_price;
        printf("%-20s%6d%10.2f%12.2f\n", row.name, row.quantity, row.unit_price, value);
        add_row(&totals, &row, value);
    }
    print_totals(&totals);
    return 0;
}
