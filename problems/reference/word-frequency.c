#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 256
#define MAX_WORD 30
#define MAX_DISTINCT 200
#define TOP_COUNT 5

typedef struct {
    char text[MAX_WORD + 1];
    int count;
} WordCount;

typedef struct {
    WordCount words[MAX_DISTINCT];
    int distinct;
    int total;
} Tally;

static void add_word(Tally *tally, const char *word)
{
    tally->total++;
    for (int i = 0; i < tally->distinct; i++) {
        if (strcmp(tally->words[i].text, word) == 0) {
            tally->words[i].count++;
            return;
        }
    }
    if (tally->distinct < MAX_DISTINCT) {
        WordCount *slot = &tally->words[tally->distinct++];
        strcpy(slot->text, word);
        slot->count = 1;
    }
}

static void tally_line(Tally *tally, const char *line)
{
    char word[MAX_WORD + 1];
    int length = 0;
    for (const char *p = line;; p++) {
        if (isalpha((unsigned char)*p)) {
            if (length < MAX_WORD) {
                word[length++] = (char)tolower((unsigned char)*p);
            }
            continue;
        }
        if (length > 0) {
            word[length] = '\0';
            add_word(tally, word);
            length = 0;
        }
        if (*p == '\0') {
            break;
        }
    }
}

static int by_count_then_word(const void *a, const void *b)
{
    const WordCount *left = a;
    const WordCount *right = b;
    if (left->count != right->count) {
        return right->count - left->count;
    }
    return strcmp(left->text, right->text);
}

int main(void)
{
    static Tally tally;
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        tally_line(&tally, line);
    }
    qsort(tally.words, (size_t)tally.distinct, sizeof tally.words[0], by_count_then_word);
    printf("Words: %d\n", tally.total);
    printf("Distinct: %d\n", tally.distinct);
    for (int i = 0; i < tally.distinct && i < TOP_COUNT; i++) {
        printf("%s %d\n", tally.words[i].text, tally.words[i].count);
    }
    return 0;
}
