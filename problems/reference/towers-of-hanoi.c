#include <stdio.h>

#define MIN_DISKS 1
#define MAX_DISKS 10

static long move_tower(int disks, char from, char to, char via)
{
    if (disks == 0) {
        return 0;
    }
    long moves = move_tower(disks - 1, from, via, to);
    printf("Move disk %d from %c to %c\n", disks, from, to);
    moves++;
    return moves + move_tower(disks - 1, via, to, from);
}

int main(void)
{
    int disks = 0;
    if (scanf("%d", &disks) != 1 || disks < MIN_DISKS || disks > MAX_DISKS) {
        printf("n must be between %d and %d\n", MIN_DISKS, MAX_DISKS);
        return 0;
    }
    long moves = move_tower(disks, 'A', 'C', 'B');
    printf("Total moves: %ld\n", moves);
    return 0;
}
