#include <stdio.h>
#include <string.h>

#define MAX_LINE 64
#define MAX_WORD 15
#define CENTS_PER_EURO 100
#define PRODUCT_COUNT (sizeof products / sizeof products[0])
#define COIN_COUNT (sizeof ACCEPTED_COINS / sizeof ACCEPTED_COINS[0])

typedef struct {
    const char *code;
    const char *name;
    int price_cents;
    int stock;
} Product;

typedef struct {
    int credit_cents;
    int items_sold;
    int sales_cents;
} Machine;

static Product products[] = {
    {"A1", "Water", 100, 2},
    {"A2", "Chips", 150, 1},
    {"B1", "Candy", 65, 0},
    {"B2", "Juice", 220, 3},
};

static const int ACCEPTED_COINS[] = {5, 10, 20, 50, 100, 200};

static void print_euros(int cents)
{
    printf("%d.%02d", cents / CENTS_PER_EURO, cents % CENTS_PER_EURO);
}

static int is_accepted_coin(int cents)
{
    for (size_t i = 0; i < COIN_COUNT; i++) {
        if (ACCEPTED_COINS[i] == cents) {
            return 1;
        }
    }
    return 0;
}

static Product *find_product(const char *code)
{
    for (size_t i = 0; i < PRODUCT_COUNT; i++) {
        if (strcmp(products[i].code, code) == 0) {
            return &products[i];
        }
    }
    return NULL;
}

static void insert_coin(Machine *machine, int cents)
{
    if (!is_accepted_coin(cents)) {
        printf("rejected coin %d\n", cents);
        return;
    }
    machine->credit_cents += cents;
    printf("credit ");
    print_euros(machine->credit_cents);
    putchar('\n');
}

static void select_product(Machine *machine, const char *code)
{
    Product *product = find_product(code);
    if (product == NULL) {
        printf("unknown product %s\n", code);
    } else if (product->stock == 0) {
        printf("%s is sold out\n", product->name);
    } else if (machine->credit_cents < product->price_cents) {
        printf("insert ");
        print_euros(product->price_cents - machine->credit_cents);
        printf(" more for %s\n", product->name);
    } else {
        product->stock--;
        machine->items_sold++;
        machine->sales_cents += product->price_cents;
        printf("vend %s, change ", product->name);
        print_euros(machine->credit_cents - product->price_cents);
        putchar('\n');
        machine->credit_cents = 0;
    }
}

static void cancel(Machine *machine)
{
    printf("returned ");
    print_euros(machine->credit_cents);
    putchar('\n');
    machine->credit_cents = 0;
}

static void handle(Machine *machine, const char *line)
{
    char command[MAX_WORD + 1];
    char argument[MAX_WORD + 1];
    int cents = 0;
    char extra = '\0';
    int fields = sscanf(line, "%15s %15s %c", command, argument, &extra);
    if (fields == 2 && strcmp(command, "coin") == 0 && sscanf(argument, "%d%c", &cents, &extra) == 1) {
        insert_coin(machine, cents);
    } else if (fields == 2 && strcmp(command, "select") == 0) {
        select_product(machine, argument);
    } else if (fields == 1 && strcmp(command, "cancel") == 0) {
        cancel(machine);
    } else {
        printf("unknown command\n");
    }
}

int main(void)
{
    Machine machine = {0, 0, 0};
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        handle(&machine, line);
    }
    printf("Sales: %d items, ", machine.items_sold);
    print_euros(machine.sales_cents);
    printf(" total\nCredit left: ");
    print_euros(machine.credit_cents);
    putchar('\n');
    return 0;
}
