#include <stdio.h>
#include <string.h>

#define MAX_LINE 128
#define TICK 't'
#define BUTTON 'b'

typedef enum { GREEN, YELLOW, RED, STATE_COUNT } LightState;

static const char *const STATE_NAMES[STATE_COUNT] = {"GREEN", "YELLOW", "RED"};
static const int DURATIONS[STATE_COUNT] = {4, 1, 3};

typedef struct {
    LightState state;
    int elapsed;
    int ticks;
    int time_in[STATE_COUNT];
} Light;

static void tick(Light *light)
{
    light->ticks++;
    light->time_in[light->state]++;
    light->elapsed++;
    if (light->elapsed >= DURATIONS[light->state]) {
        light->state = (LightState)((light->state + 1) % STATE_COUNT);
        light->elapsed = 0;
    }
    printf("tick %d: %s\n", light->ticks, STATE_NAMES[light->state]);
}

static void press_button(Light *light)
{
    int last_green_tick = DURATIONS[GREEN] - 1;
    if (light->state != GREEN || light->elapsed >= last_green_tick) {
        printf("button: ignored\n");
        return;
    }
    light->elapsed = last_green_tick;
    printf("button: shortened\n");
}

int main(void)
{
    char events[MAX_LINE] = "";
    Light light = {.state = GREEN};
    if (fgets(events, sizeof events, stdin) == NULL) {
        events[0] = '\0';
    }
    for (const char *event = events; *event != '\0'; event++) {
        if (*event == TICK) {
            tick(&light);
        } else if (*event == BUTTON) {
            press_button(&light);
        }
    }
    printf("Summary: %d green, %d yellow, %d red\n", light.time_in[GREEN], light.time_in[YELLOW],
           light.time_in[RED]);
    return 0;
}
