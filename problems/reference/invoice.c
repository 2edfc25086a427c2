#include <stdio.h>

#define STANDARD_VAT_RATE 0.20
#define REDUCED_VAT_RATE 0.055
#define DISCOUNT_THRESHOLD 50.0
#define DISCOUNT_RATE 0.05
#define ITEM_COUNT (sizeof ITEMS / sizeof ITEMS[0])

typedef enum { STANDARD, REDUCED } VatCategory;

typedef struct {
    const char *name;
    int quantity;
    double unit_price;
    VatCategory category;
} Item;

static const Item ITEMS[] = {
    {"Notebook", 3, 2.50, STANDARD}, {"Pen", 10, 0.80, STANDARD},
    {"Bread", 2, 1.95, REDUCED},     {"Coffee", 1, 7.49, REDUCED},
    {"Headphones", 1, 59.90, STANDARD},
};

static double line_amount(const Item *item)
{
    return item->quantity * item->unit_price;
}

static double base_for(VatCategory category)
{
    double base = 0.0;
    for (size_t i = 0; i < ITEM_COUNT; i++) {
        if (ITEMS[i].category == category) {
            base += line_amount(&ITEMS[i]);
        }
    }
    return base;
}

static void print_lines(void)
{
    printf("%-12s%4s%9s%10s\n", "Item", "Qty", "Price", "Amount");
    for (size_t i = 0; i < ITEM_COUNT; i++) {
        const Item *item = &ITEMS[i];
        printf("%-12s%4d%9.2f%10.2f\n", item->name, item->quantity, item->unit_price,
               line_amount(item));
    }
}

static void print_total_line(const char *label, double amount)
{
    printf("%-25s%10.2f\n", label, amount);
}

int main(void)
{
    double standard_base = base_for(STANDARD);
    double reduced_base = base_for(REDUCED);
    double subtotal = standard_base + reduced_base;
    double discount_rate = subtotal > DISCOUNT_THRESHOLD ? DISCOUNT_RATE : 0.0;
    double standard_vat = standard_base * (1.0 - discount_rate) * STANDARD_VAT_RATE;
    double reduced_vat = reduced_base * (1.0 - discount_rate) * REDUCED_VAT_RATE;
    double discount = subtotal * discount_rate;

    print_lines();
    print_total_line("Subtotal", subtotal);
    print_total_line("Discount", -discount);
    print_total_line("VAT 20.0%", standard_vat);
    print_total_line("VAT 5.5%", reduced_vat);
    print_total_line("Total", subtotal - discount + standard_vat + reduced_vat);
    return 0;
}
