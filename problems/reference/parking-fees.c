#include <stdio.h>
#include <string.h>

#define MAX_LINE 64
#define MAX_PLATE 8
#define MAX_CARS 50
#define MINUTES_PER_HOUR 60
#define FREE_MINUTES 30
#define CENTS_PER_STARTED_HOUR 150
#define DAILY_MAX_CENTS 1200
#define CENTS_PER_EURO 100
#define NOT_FOUND (-1)

typedef struct {
    char plate[MAX_PLATE + 1];
    int arrival;
} Car;

typedef struct {
    Car cars[MAX_CARS];
    int count;
    long revenue_cents;
} Garage;

static int find_car(const Garage *garage, const char *plate)
{
    for (int i = 0; i < garage->count; i++) {
        if (strcmp(garage->cars[i].plate, plate) == 0) {
            return i;
        }
    }
    return NOT_FOUND;
}

static int fee_cents(int minutes)
{
    if (minutes <= FREE_MINUTES) {
        return 0;
    }
    int started_hours = (minutes + MINUTES_PER_HOUR - 1) / MINUTES_PER_HOUR;
    int fee = started_hours * CENTS_PER_STARTED_HOUR;
    return fee < DAILY_MAX_CENTS ? fee : DAILY_MAX_CENTS;
}

static void print_clock(int minutes)
{
    printf("%02d:%02d", minutes / MINUTES_PER_HOUR, minutes % MINUTES_PER_HOUR);
}

static void arrive(Garage *garage, const char *plate, int time)
{
    if (find_car(garage, plate) != NOT_FOUND) {
        printf("%s already parked\n", plate);
        return;
    }
    if (garage->count == MAX_CARS) {
        printf("%s: garage full\n", plate);
        return;
    }
    strcpy(garage->cars[garage->count].plate, plate);
    garage->cars[garage->count].arrival = time;
    garage->count++;
}

static void depart(Garage *garage, const char *plate, int time)
{
    int index = find_car(garage, plate);
    if (index == NOT_FOUND) {
        printf("%s not parked\n", plate);
        return;
    }
    int arrival = garage->cars[index].arrival;
    int minutes = time - arrival;
    int fee = fee_cents(minutes);
    printf("%s ", plate);
    print_clock(arrival);
    putchar('-');
    print_clock(time);
    printf(" %dh%02dm %d.%02d\n", minutes / MINUTES_PER_HOUR, minutes % MINUTES_PER_HOUR,
           fee / CENTS_PER_EURO, fee % CENTS_PER_EURO);
    garage->revenue_cents += fee;
    /* Keep arrival order: the final report lists cars in the order they came in. */
    memmove(&garage->cars[index], &garage->cars[index + 1],
            (size_t)(garage->count - index - 1) * sizeof garage->cars[0]);
    garage->count--;
}

static void handle(Garage *garage, const char *line)
{
    char action[4];
    char plate[MAX_PLATE + 1];
    int hours = 0;
    int minutes = 0;
    char extra = '\0';
    if (sscanf(line, "%3s %8s %d:%d %c", action, plate, &hours, &minutes, &extra) != 4 ||
        hours < 0 || hours > 23 || minutes < 0 || minutes >= MINUTES_PER_HOUR) {
        printf("invalid line\n");
        return;
    }
    int time = hours * MINUTES_PER_HOUR + minutes;
    if (strcmp(action, "IN") == 0) {
        arrive(garage, plate, time);
    } else if (strcmp(action, "OUT") == 0) {
        depart(garage, plate, time);
    } else {
        printf("invalid line\n");
    }
}

int main(void)
{
    static Garage garage;
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        handle(&garage, line);
    }
    printf("Revenue: %ld.%02ld\n", garage.revenue_cents / CENTS_PER_EURO,
           garage.revenue_cents % CENTS_PER_EURO);
    printf("Still parked:");
    if (garage.count == 0) {
        printf(" none");
    }
    for (int i = 0; i < garage.count; i++) {
        printf(" %s", garage.cars[i].plate);
    }
    putchar('\n');
    return 0;
}
