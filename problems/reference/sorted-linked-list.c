#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 64
#define MAX_COMMAND 15

typedef struct Node {
    int value;
    struct Node *next;
} Node;

static void insert_sorted(Node **head, int value)
{
    Node *node = malloc(sizeof *node);
    if (node == NULL) {
        printf("out of memory\n");
        exit(EXIT_FAILURE);
    }
    node->value = value;
    Node **link = head;
    /* Stop after equal values so duplicates keep their insertion order. */
    while (*link != NULL && (*link)->value <= value) {
        link = &(*link)->next;
    }
    node->next = *link;
    *link = node;
}

static int delete_first(Node **head, int value)
{
    for (Node **link = head; *link != NULL; link = &(*link)->next) {
        if ((*link)->value == value) {
            Node *doomed = *link;
            *link = doomed->next;
            free(doomed);
            return 1;
        }
    }
    return 0;
}

static int count_of(const Node *head, int value)
{
    int count = 0;
    for (; head != NULL; head = head->next) {
        count += head->value == value;
    }
    return count;
}

static void print_list(const Node *head)
{
    printf("list:");
    if (head == NULL) {
        printf(" empty");
    }
    for (; head != NULL; head = head->next) {
        printf(" %d", head->value);
    }
    putchar('\n');
}

static void print_stats(const Node *head)
{
    if (head == NULL) {
        printf("size 0\n");
        return;
    }
    int size = 0;
    long sum = 0;
    int min = head->value;
    int max = head->value;
    for (; head != NULL; head = head->next) {
        size++;
        sum += head->value;
        max = head->value;
    }
    printf("size %d, min %d, max %d, sum %ld\n", size, min, max, sum);
}

static void free_list(Node *head)
{
    while (head != NULL) {
        Node *next = head->next;
        free(head);
        head = next;
    }
}

static void execute(Node **head, const char *line)
{
    char command[MAX_COMMAND + 1];
    int value = 0;
    char extra = '\0';
    int fields = sscanf(line, "%15s %d %c", command, &value, &extra);
    if (fields == 2 && strcmp(command, "insert") == 0) {
        insert_sorted(head, value);
    } else if (fields == 2 && strcmp(command, "delete") == 0) {
        if (!delete_first(head, value)) {
            printf("%d not found\n", value);
        }
    } else if (fields == 2 && strcmp(command, "count") == 0) {
        printf("count %d: %d\n", value, count_of(*head, value));
    } else if (fields == 1 && strcmp(command, "print") == 0) {
        print_list(*head);
    } else if (fields == 1 && strcmp(command, "stats") == 0) {
        print_stats(*head);
    } else {
        printf("unknown command\n");
    }
}

int main(void)
{
    Node *head = NULL;
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        execute(&head, line);
    }
    free_list(head);
    return 0;
}
