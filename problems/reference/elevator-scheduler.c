#include <stdbool.h>
#include <stdio.h>

#define FLOOR_COUNT 10
#define SECONDS_PER_FLOOR 3
#define SECONDS_PER_STOP 10
#define START_FLOOR 0

typedef struct {
    int floor;
    int time;
    int floors_travelled;
    int stops;
} Elevator;

static void stop_at(Elevator *elevator, int floor)
{
    int distance = floor > elevator->floor ? floor - elevator->floor : elevator->floor - floor;
    elevator->time += distance * SECONDS_PER_FLOOR;
    elevator->floors_travelled += distance;
    elevator->floor = floor;
    printf("stop at floor %d (t=%ds)\n", floor, elevator->time);
    elevator->time += SECONDS_PER_STOP;
    elevator->stops++;
}

static int read_requests(bool requested[])
{
    int floor = 0;
    int accepted = 0;
    while (scanf("%d", &floor) == 1) {
        if (floor < 0 || floor >= FLOOR_COUNT) {
            printf("ignored request %d\n", floor);
        } else if (!requested[floor]) {
            requested[floor] = true;
            accepted++;
        }
    }
    return accepted;
}

static void sweep_up(Elevator *elevator, bool requested[])
{
    for (int floor = elevator->floor; floor < FLOOR_COUNT; floor++) {
        if (requested[floor]) {
            requested[floor] = false;
            stop_at(elevator, floor);
        }
    }
}

static void sweep_down(Elevator *elevator, bool requested[])
{
    for (int floor = elevator->floor; floor >= 0; floor--) {
        if (requested[floor]) {
            requested[floor] = false;
            stop_at(elevator, floor);
        }
    }
}

int main(void)
{
    bool requested[FLOOR_COUNT] = {false};
    Elevator elevator = {START_FLOOR, 0, 0, 0};
    int accepted = read_requests(requested);
    printf("Requests: %d\n", accepted);
    sweep_up(&elevator, requested);
    sweep_down(&elevator, requested);
    printf("Stops: %d\n", elevator.stops);
    printf("Floors travelled: %d\n", elevator.floors_travelled);
    printf("Final floor: %d\n", elevator.floor);
    printf("Total time: %ds\n", elevator.time);
    return 0;
}
