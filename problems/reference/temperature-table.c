#include <stdio.h>

#define MAX_ROWS 50
#define FAHRENHEIT_SCALE 1.8
#define FAHRENHEIT_OFFSET 32.0
#define KELVIN_OFFSET 273.15
#define FREEZING_POINT 0
#define BOILING_POINT 100

static double to_fahrenheit(int celsius)
{
    return celsius * FAHRENHEIT_SCALE + FAHRENHEIT_OFFSET;
}

static double to_kelvin(int celsius)
{
    return celsius + KELVIN_OFFSET;
}

static const char *water_state(int celsius)
{
    if (celsius <= FREEZING_POINT) {
        return "ice";
    }
    return celsius < BOILING_POINT ? "water" : "steam";
}

static int row_count(int start, int end, int step)
{
    return (end - start) / step + 1;
}

int main(void)
{
    int start = 0;
    int end = 0;
    int step = 0;
    if (scanf("%d %d %d", &start, &end, &step) != 3 || step <= 0 || start > end ||
        row_count(start, end, step) > MAX_ROWS) {
        printf("invalid range\n");
        return 0;
    }
    printf("%8s%12s%10s  %s\n", "Celsius", "Fahrenheit", "Kelvin", "State");
    int rows = 0;
    for (int celsius = start; celsius <= end; celsius += step) {
        printf("%8d%12.1f%10.2f  %s\n", celsius, to_fahrenheit(celsius), to_kelvin(celsius),
               water_state(celsius));
        rows++;
    }
    printf("Rows: %d\n", rows);
    return 0;
}
