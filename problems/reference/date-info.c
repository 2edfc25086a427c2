#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 64
#define DATE_LENGTH 10
#define MIN_YEAR 1583
#define MONTHS 12
#define DAYS_PER_WEEK 7

typedef struct {
    int year;
    int month;
    int day;
} Date;

static const int DAYS_IN_MONTH[MONTHS] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const char *const WEEKDAYS[DAYS_PER_WEEK] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    return month == 2 && is_leap(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

static bool has_date_shape(const char *text)
{
    if (strlen(text) != DATE_LENGTH) {
        return false;
    }
    for (int i = 0; i < DATE_LENGTH; i++) {
        bool dash_position = i == 4 || i == 7;
        if (dash_position ? text[i] != '-' : !isdigit((unsigned char)text[i])) {
            return false;
        }
    }
    return true;
}

static bool parse_date(const char *text, Date *date)
{
    if (!has_date_shape(text) ||
        sscanf(text, "%4d-%2d-%2d", &date->year, &date->month, &date->day) != 3) {
        return false;
    }
    return date->year >= MIN_YEAR && date->month >= 1 && date->month <= MONTHS &&
           date->day >= 1 && date->day <= days_in_month(date->year, date->month);
}

static int day_of_year(const Date *date)
{
    int day = date->day;
    for (int m = 1; m < date->month; m++) {
        day += days_in_month(date->year, m);
    }
    return day;
}

/* Sakamoto's method: 0 = Sunday. */
static int weekday(const Date *date)
{
    static const int MONTH_OFFSETS[MONTHS] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = date->month < 3 ? date->year - 1 : date->year;
    return (y + y / 4 - y / 100 + y / 400 + MONTH_OFFSETS[date->month - 1] + date->day) %
           DAYS_PER_WEEK;
}

int main(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        Date date;
        line[strcspn(line, "\n")] = '\0';
        if (!parse_date(line, &date)) {
            printf("%s: invalid date\n", line);
            continue;
        }
        bool leap = is_leap(date.year);
        int days_in_year = leap ? 366 : 365;
        int ordinal = day_of_year(&date);
        printf("%s: %s, day %d of %d, %d days left, %s year\n", line, WEEKDAYS[weekday(&date)],
               ordinal, days_in_year, days_in_year - ordinal, leap ? "leap" : "common");
    }
    return 0;
}
