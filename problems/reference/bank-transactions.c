#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 96
#define MAX_COMMAND 15
#define CENTS_PER_UNIT 100
#define ACCOUNT_COUNT (sizeof accounts / sizeof accounts[0])

typedef struct {
    int id;
    const char *owner;
    long balance_cents;
} Account;

static Account accounts[] = {
    {101, "Alice", 50000},
    {102, "Bob", 12050},
    {103, "Carol", 0},
};

static Account *find_account(int id)
{
    for (size_t i = 0; i < ACCOUNT_COUNT; i++) {
        if (accounts[i].id == id) {
            return &accounts[i];
        }
    }
    return NULL;
}

static void format_money(long cents, char *out, size_t size)
{
    snprintf(out, size, "%ld.%02ld", cents / CENTS_PER_UNIT, cents % CENTS_PER_UNIT);
}

static int to_cents(double amount, long *cents)
{
    *cents = lround(amount * CENTS_PER_UNIT);
    return *cents > 0;
}

static void deposit(Account *account, long cents)
{
    char money[32];
    account->balance_cents += cents;
    format_money(account->balance_cents, money, sizeof money);
    printf("deposit %d: balance %s\n", account->id, money);
}

static void withdraw(Account *account, long cents)
{
    char money[32];
    if (account->balance_cents < cents) {
        printf("error: insufficient funds in %d\n", account->id);
        return;
    }
    account->balance_cents -= cents;
    format_money(account->balance_cents, money, sizeof money);
    printf("withdraw %d: balance %s\n", account->id, money);
}

static void transfer(Account *from, Account *to, long cents)
{
    char from_money[32];
    char to_money[32];
    if (from->balance_cents < cents) {
        printf("error: insufficient funds in %d\n", from->id);
        return;
    }
    from->balance_cents -= cents;
    to->balance_cents += cents;
    format_money(from->balance_cents, from_money, sizeof from_money);
    format_money(to->balance_cents, to_money, sizeof to_money);
    printf("transfer %d -> %d: balances %s / %s\n", from->id, to->id, from_money, to_money);
}

static int report_unknown(int id)
{
    printf("error: unknown account %d\n", id);
    return 0;
}

static void execute(const char *line)
{
    char command[MAX_COMMAND + 1];
    int id = 0;
    int other_id = 0;
    double amount = 0.0;
    long cents = 0;
    char extra = '\0';
    if (sscanf(line, "%15s", command) != 1) {
        printf("error: invalid command\n");
        return;
    }
    if (strcmp(command, "transfer") == 0 &&
        sscanf(line, "%*s %d %d %lf %c", &id, &other_id, &amount, &extra) == 3 &&
        to_cents(amount, &cents)) {
        Account *from = find_account(id);
        Account *to = find_account(other_id);
        if (from == NULL) {
            report_unknown(id);
        } else if (to == NULL) {
            report_unknown(other_id);
        } else {
            transfer(from, to, cents);
        }
        return;
    }
    int is_deposit = strcmp(command, "deposit") == 0;
    int is_withdraw = strcmp(command, "withdraw") == 0;
    if ((is_deposit || is_withdraw) && sscanf(line, "%*s %d %lf %c", &id, &amount, &extra) == 2 &&
        to_cents(amount, &cents)) {
        Account *account = find_account(id);
        if (account == NULL) {
            report_unknown(id);
        } else if (is_deposit) {
            deposit(account, cents);
        } else {
            withdraw(account, cents);
        }
        return;
    }
    printf("error: invalid command\n");
}

static void print_summary(void)
{
    char money[32];
    long total = 0;
    printf("Final balances:\n");
    for (size_t i = 0; i < ACCOUNT_COUNT; i++) {
        format_money(accounts[i].balance_cents, money, sizeof money);
        printf("%d %-6s %10s\n", accounts[i].id, accounts[i].owner, money);
        total += accounts[i].balance_cents;
    }
    format_money(total, money, sizeof money);
    printf("Total: %s\n", money);
}

int main(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        execute(line);
    }
    print_summary();
    return 0;
}
