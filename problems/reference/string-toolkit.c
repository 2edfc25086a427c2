#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 128

static int count_words(const char *text)
{
    int words = 0;
    bool in_word = false;
    for (; *text != '\0'; text++) {
        bool space = isspace((unsigned char)*text);
        if (!space && !in_word) {
            words++;
        }
        in_word = !space;
    }
    return words;
}

static void reverse_copy(const char *text, char *reversed)
{
    size_t length = strlen(text);
    for (size_t i = 0; i < length; i++) {
        reversed[i] = text[length - 1 - i];
    }
    reversed[length] = '\0';
}

static void title_case(const char *text, char *titled)
{
    bool word_start = true;
    size_t i = 0;
    for (; text[i] != '\0'; i++) {
        unsigned char c = (unsigned char)text[i];
        titled[i] = (char)(word_start ? toupper(c) : tolower(c));
        word_start = isspace(c);
    }
    titled[i] = '\0';
}

static int count_vowels(const char *text)
{
    int vowels = 0;
    for (; *text != '\0'; text++) {
        if (strchr("aeiou", tolower((unsigned char)*text)) != NULL) {
            vowels++;
        }
    }
    return vowels;
}

int main(void)
{
    char line[MAX_LINE];
    char buffer[MAX_LINE];
    int line_number = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        printf("line %d\n", ++line_number);
        printf("  length: %zu\n", strlen(line));
        printf("  words: %d\n", count_words(line));
        reverse_copy(line, buffer);
        printf("  reversed: [%s]\n", buffer);
        title_case(line, buffer);
        printf("  title: [%s]\n", buffer);
        printf("  vowels: %d\n", count_vowels(line));
    }
    if (line_number == 0) {
        printf("no input\n");
    }
    return 0;
}
