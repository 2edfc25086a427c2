#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_DIGITS 60
#define MAX_LINE 80
#define BASE 10

/* Digits are stored least significant first so carries move towards higher indexes. */
typedef struct {
    int length;
    int digits[2 * MAX_DIGITS + 1];
} BigInt;

static bool parse_big(const char *text, BigInt *number)
{
    size_t length = strlen(text);
    if (length == 0 || length > MAX_DIGITS || (length > 1 && text[0] == '0')) {
        return false;
    }
    for (size_t i = 0; i < length; i++) {
        if (!isdigit((unsigned char)text[i])) {
            return false;
        }
        number->digits[length - 1 - i] = text[i] - '0';
    }
    number->length = (int)length;
    return true;
}

static void trim(BigInt *number)
{
    while (number->length > 1 && number->digits[number->length - 1] == 0) {
        number->length--;
    }
}

static BigInt add(const BigInt *a, const BigInt *b)
{
    BigInt sum = {0, {0}};
    int carry = 0;
    int longest = a->length > b->length ? a->length : b->length;
    for (int i = 0; i < longest || carry > 0; i++) {
        int digit = carry;
        digit += i < a->length ? a->digits[i] : 0;
        digit += i < b->length ? b->digits[i] : 0;
        sum.digits[i] = digit % BASE;
        carry = digit / BASE;
        sum.length = i + 1;
    }
    return sum;
}

static BigInt multiply(const BigInt *a, const BigInt *b)
{
    BigInt product = {a->length + b->length, {0}};
    for (int i = 0; i < a->length; i++) {
        int carry = 0;
        for (int j = 0; j < b->length || carry > 0; j++) {
            int digit = product.digits[i + j] + carry;
            digit += j < b->length ? a->digits[i] * b->digits[j] : 0;
            product.digits[i + j] = digit % BASE;
            carry = digit / BASE;
        }
    }
    trim(&product);
    return product;
}

static int compare(const BigInt *a, const BigInt *b)
{
    if (a->length != b->length) {
        return a->length > b->length ? 1 : -1;
    }
    for (int i = a->length - 1; i >= 0; i--) {
        if (a->digits[i] != b->digits[i]) {
            return a->digits[i] > b->digits[i] ? 1 : -1;
        }
    }
    return 0;
}

static void print_big(const char *label, const BigInt *number)
{
    printf("%s", label);
    for (int i = number->length - 1; i >= 0; i--) {
        putchar('0' + number->digits[i]);
    }
    putchar('\n');
}

static bool read_number(BigInt *number, int *line_number, bool *end)
{
    char line[MAX_LINE];
    if (fgets(line, sizeof line, stdin) == NULL) {
        *end = true;
        return false;
    }
    (*line_number)++;
    line[strcspn(line, "\n")] = '\0';
    return parse_big(line, number);
}

int main(void)
{
    int line_number = 0;
    bool end = false;
    while (!end) {
        BigInt a;
        BigInt b;
        bool a_ok = read_number(&a, &line_number, &end);
        if (end) {
            break;
        }
        bool b_ok = read_number(&b, &line_number, &end);
        if (end) {
            printf("missing second number\n");
            break;
        }
        if (!a_ok || !b_ok) {
            printf("invalid number on line %d\n", a_ok ? line_number : line_number - 1);
            continue;
        }
        BigInt sum = add(&a, &b);
        BigInt product = multiply(&a, &b);
        int order = compare(&a, &b);
        print_big("sum: ", &sum);
        print_big("product: ", &product);
        printf("compare: a %s b\n", order > 0 ? ">" : order < 0 ? "<" : "==");
    }
    return 0;
}
