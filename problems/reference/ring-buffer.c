#include <stdbool.h>
#include <stdio.h>

#define CAPACITY 4
#define OPERATION_COUNT (sizeof OPERATIONS / sizeof OPERATIONS[0])
#define DEQUEUE 0

typedef struct {
    int items[CAPACITY];
    int head;
    int size;
} RingBuffer;

/* A positive value is enqueued; DEQUEUE removes the oldest value. */
static const int OPERATIONS[] = {5, 8, DEQUEUE, 3, 9, 1, 7, DEQUEUE, DEQUEUE, 4,
                                 DEQUEUE, DEQUEUE, DEQUEUE, DEQUEUE, DEQUEUE, 6};

static bool enqueue(RingBuffer *rb, int value)
{
    if (rb->size == CAPACITY) {
        return false;
    }
    rb->items[(rb->head + rb->size) % CAPACITY] = value;
    rb->size++;
    return true;
}

static bool dequeue(RingBuffer *rb, int *value)
{
    if (rb->size == 0) {
        return false;
    }
    *value = rb->items[rb->head];
    rb->head = (rb->head + 1) % CAPACITY;
    rb->size--;
    return true;
}

static void print_contents(const RingBuffer *rb)
{
    printf(" [");
    for (int i = 0; i < rb->size; i++) {
        printf(i == 0 ? "%d" : " %d", rb->items[(rb->head + i) % CAPACITY]);
    }
    printf("] head=%d size=%d\n", rb->head, rb->size);
}

int main(void)
{
    RingBuffer rb = {.head = 0, .size = 0};
    int rejected = 0;
    int removed_sum = 0;
    for (size_t i = 0; i < OPERATION_COUNT; i++) {
        int value = OPERATIONS[i];
        if (value != DEQUEUE) {
            bool ok = enqueue(&rb, value);
            printf("enqueue %d: %s", value, ok ? "ok" : "full");
            rejected += !ok;
        } else if (dequeue(&rb, &value)) {
            printf("dequeue: %d", value);
            removed_sum += value;
        } else {
            printf("dequeue: empty");
        }
        print_contents(&rb);
    }
    printf("Rejected: %d\n", rejected);
    printf("Sum of dequeued: %d\n", removed_sum);
    return 0;
}
