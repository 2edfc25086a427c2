#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 128

typedef enum { OK, SYNTAX_ERROR, DIVISION_BY_ZERO } Status;

typedef struct {
    const char *next;
    Status status;
} Parser;

static long long parse_sum(Parser *p);

static void skip_spaces(Parser *p)
{
    while (isspace((unsigned char)*p->next)) {
        p->next++;
    }
}

static bool accept(Parser *p, char symbol)
{
    skip_spaces(p);
    if (*p->next == symbol) {
        p->next++;
        return true;
    }
    return false;
}

static void fail(Parser *p, Status status)
{
    if (p->status == OK) {
        p->status = status;
    }
}

static long long parse_number(Parser *p)
{
    skip_spaces(p);
    if (!isdigit((unsigned char)*p->next)) {
        fail(p, SYNTAX_ERROR);
        return 0;
    }
    long long value = 0;
    while (isdigit((unsigned char)*p->next)) {
        value = value * 10 + (*p->next - '0');
        p->next++;
    }
    return value;
}

static long long parse_factor(Parser *p)
{
    if (accept(p, '-')) {
        return -parse_factor(p);
    }
    if (accept(p, '(')) {
        long long value = parse_sum(p);
        if (!accept(p, ')')) {
            fail(p, SYNTAX_ERROR);
        }
        return value;
    }
    return parse_number(p);
}

static long long parse_product(Parser *p)
{
    long long value = parse_factor(p);
    while (p->status == OK) {
        char op = accept(p, '*') ? '*' : accept(p, '/') ? '/' : accept(p, '%') ? '%' : '\0';
        if (op == '\0') {
            break;
        }
        long long right = parse_factor(p);
        if (op == '*') {
            value *= right;
        } else if (right == 0) {
            fail(p, DIVISION_BY_ZERO);
        } else {
            value = op == '/' ? value / right : value % right;
        }
    }
    return value;
}

static long long parse_sum(Parser *p)
{
    long long value = parse_product(p);
    while (p->status == OK) {
        if (accept(p, '+')) {
            value += parse_product(p);
        } else if (accept(p, '-')) {
            value -= parse_product(p);
        } else {
            break;
        }
    }
    return value;
}

static Status evaluate(const char *text, long long *result)
{
    Parser parser = {text, OK};
    *result = parse_sum(&parser);
    skip_spaces(&parser);
    if (*parser.next != '\0') {
        fail(&parser, SYNTAX_ERROR);
    }
    return parser.status;
}

int main(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strspn(line, " \t") == strlen(line)) {
            continue;
        }
        long long result = 0;
        Status status = evaluate(line, &result);
        if (status == OK) {
            printf("%s = %lld\n", line, result);
        } else if (status == DIVISION_BY_ZERO) {
            printf("%s : error: division by zero\n", line);
        } else {
            printf("%s : error: syntax\n", line);
        }
    }
    return 0;
}
