#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 64
#define MAX_WORD 20
#define MAX_WORDS 40

typedef struct {
    char word[MAX_WORD + 1];
    char key[MAX_WORD + 1];
} Entry;

typedef struct {
    const Entry *first;
    int size;
} Group;

static int compare_chars(const void *a, const void *b)
{
    return *(const char *)a - *(const char *)b;
}

static bool is_valid_word(const char *word)
{
    size_t length = strlen(word);
    if (length == 0 || length > MAX_WORD) {
        return false;
    }
    for (; *word != '\0'; word++) {
        if (!islower((unsigned char)*word)) {
            return false;
        }
    }
    return true;
}

static int compare_entries(const void *a, const void *b)
{
    const Entry *left = a;
    const Entry *right = b;
    int by_key = strcmp(left->key, right->key);
    return by_key != 0 ? by_key : strcmp(left->word, right->word);
}

static int compare_groups(const void *a, const void *b)
{
    const Group *left = a;
    const Group *right = b;
    if (left->size != right->size) {
        return right->size - left->size;
    }
    return strcmp(left->first->word, right->first->word);
}

static int read_entries(Entry entries[])
{
    char line[MAX_LINE];
    int count = 0;
    while (count < MAX_WORDS && fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (!is_valid_word(line)) {
            continue;
        }
        strcpy(entries[count].word, line);
        strcpy(entries[count].key, line);
        qsort(entries[count].key, strlen(line), 1, compare_chars);
        count++;
    }
    return count;
}

/* Entries are sorted by key then word, so a group is a run of equal keys; repeated words
   inside a run are dropped. */
static int build_groups(Entry entries[], int count, Group groups[])
{
    int group_count = 0;
    int kept = 0;
    for (int i = 0; i < count; i++) {
        if (kept > 0 && strcmp(entries[i].word, entries[kept - 1].word) == 0) {
            continue;
        }
        entries[kept] = entries[i];
        if (kept == 0 || strcmp(entries[kept].key, entries[kept - 1].key) != 0) {
            groups[group_count].first = &entries[kept];
            groups[group_count].size = 0;
            group_count++;
        }
        groups[group_count - 1].size++;
        kept++;
    }
    return group_count;
}

int main(void)
{
    Entry entries[MAX_WORDS];
    Group groups[MAX_WORDS];
    int count = read_entries(entries);
    qsort(entries, (size_t)count, sizeof entries[0], compare_entries);
    int group_count = build_groups(entries, count, groups);
    qsort(groups, (size_t)group_count, sizeof groups[0], compare_groups);
    for (int g = 0; g < group_count; g++) {
        printf("%d:", groups[g].size);
        for (int i = 0; i < groups[g].size; i++) {
            printf(" %s", groups[g].first[i].word);
        }
        putchar('\n');
    }
    printf("Groups: %d\n", group_count);
    return 0;
}
