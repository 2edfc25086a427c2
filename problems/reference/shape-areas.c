#include <math.h>
#include <stdio.h>

#define PI 3.14159265358979323846
#define SHAPE_COUNT (sizeof SHAPES / sizeof SHAPES[0])

typedef enum { CIRCLE, RECTANGLE, TRIANGLE } ShapeKind;

typedef struct {
    ShapeKind kind;
    const char *label;
    double a; /* radius, width or first side */
    double b; /* height or second side */
    double c; /* third side */
} Shape;

static const Shape SHAPES[] = {
    {CIRCLE, "wheel", 1.5, 0.0, 0.0},   {RECTANGLE, "door", 0.9, 2.1, 0.0},
    {TRIANGLE, "sail", 3.0, 4.0, 5.0},  {CIRCLE, "coin", 0.25, 0.0, 0.0},
    {RECTANGLE, "tile", 0.3, 0.3, 0.0}, {TRIANGLE, "roof", 6.0, 5.0, 5.0},
};

static const char *kind_name(ShapeKind kind)
{
    switch (kind) {
    case CIRCLE:
        return "circle";
    case RECTANGLE:
        return "rectangle";
    case TRIANGLE:
        return "triangle";
    }
    return "?";
}

static double area(const Shape *s)
{
    switch (s->kind) {
    case CIRCLE:
        return PI * s->a * s->a;
    case RECTANGLE:
        return s->a * s->b;
    case TRIANGLE: {
        double half = (s->a + s->b + s->c) / 2.0;
        return sqrt(half * (half - s->a) * (half - s->b) * (half - s->c));
    }
    }
    return 0.0;
}

static double perimeter(const Shape *s)
{
    switch (s->kind) {
    case CIRCLE:
        return 2.0 * PI * s->a;
    case RECTANGLE:
        return 2.0 * (s->a + s->b);
    case TRIANGLE:
        return s->a + s->b + s->c;
    }
    return 0.0;
}

int main(void)
{
    double total_area = 0.0;
    size_t largest = 0;
    printf("%-8s%-11s%10s%11s\n", "Name", "Kind", "Area", "Perimeter");
    for (size_t i = 0; i < SHAPE_COUNT; i++) {
        const Shape *s = &SHAPES[i];
        printf("%-8s%-11s%10.3f%11.3f\n", s->label, kind_name(s->kind), area(s), perimeter(s));
        total_area += area(s);
        if (area(s) > area(&SHAPES[largest])) {
            largest = i;
        }
    }
    printf("Total area: %.3f\n", total_area);
    printf("Largest: %s\n", SHAPES[largest].label);
    return 0;
}
