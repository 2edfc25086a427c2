#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 32
#define MAX_LETTERS 6

static int compare_chars(const void *a, const void *b)
{
    return *(const char *)a - *(const char *)b;
}

static bool is_valid(const char *word)
{
    size_t length = strlen(word);
    if (length == 0 || length > MAX_LETTERS) {
        return false;
    }
    for (size_t i = 0; i < length; i++) {
        if (!islower((unsigned char)word[i]) || strchr(word + i + 1, word[i]) != NULL) {
            return false;
        }
    }
    return true;
}

static void permute(const char *letters, size_t length, bool used[], char *current,
                    size_t depth, long *count)
{
    if (depth == length) {
        current[depth] = '\0';
        printf("%ld: %s\n", ++*count, current);
        return;
    }
    for (size_t i = 0; i < length; i++) {
        if (used[i]) {
            continue;
        }
        used[i] = true;
        current[depth] = letters[i];
        permute(letters, length, used, current, depth + 1, count);
        used[i] = false;
    }
}

int main(void)
{
    char word[MAX_LINE] = "";
    if (fgets(word, sizeof word, stdin) == NULL) {
        word[0] = '\0';
    }
    word[strcspn(word, "\n")] = '\0';
    if (!is_valid(word)) {
        printf("invalid input\n");
        return 0;
    }
    size_t length = strlen(word);
    char current[MAX_LETTERS + 1];
    bool used[MAX_LETTERS] = {false};
    long count = 0;
    qsort(word, length, 1, compare_chars);
    permute(word, length, used, current, 0, &count);
    printf("Total: %ld\n", count);
    return 0;
}
