#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 128
#define ALPHABET_SIZE 26
#define DIGIT_COUNT 10
#define UNKNOWN_SYMBOL "?"

static const char *const LETTER_CODES[ALPHABET_SIZE] = {
    ".-",   "-...", "-.-.", "-..",  ".",   "..-.", "--.",  "....", "..",
    ".---", "-.-",  ".-..", "--",   "-.",  "---",  ".--.", "--.-", ".-.",
    "...",  "-",    "..-",  "...-", ".--", "-..-", "-.--", "--..",
};

static const char *const DIGIT_CODES[DIGIT_COUNT] = {
    "-----", ".----", "..---", "...--", "....-", ".....", "-....", "--...", "---..", "----.",
};

static const char *code_for(char c)
{
    unsigned char u = (unsigned char)c;
    if (isalpha(u)) {
        return LETTER_CODES[toupper(u) - 'A'];
    }
    if (isdigit(u)) {
        return DIGIT_CODES[u - '0'];
    }
    return UNKNOWN_SYMBOL;
}

static char char_for(const char *code)
{
    for (int i = 0; i < ALPHABET_SIZE; i++) {
        if (strcmp(code, LETTER_CODES[i]) == 0) {
            return (char)('A' + i);
        }
    }
    for (int i = 0; i < DIGIT_COUNT; i++) {
        if (strcmp(code, DIGIT_CODES[i]) == 0) {
            return (char)('0' + i);
        }
    }
    return '?';
}

static void print_encoded(const char *text)
{
    int need_separator = 0;
    int pending_word_gap = 0;
    for (; *text != '\0'; text++) {
        if (*text == ' ') {
            pending_word_gap = need_separator;
            continue;
        }
        if (pending_word_gap) {
            printf(" / ");
        } else if (need_separator) {
            putchar(' ');
        }
        printf("%s", code_for(*text));
        need_separator = 1;
        pending_word_gap = 0;
    }
    putchar('\n');
}

static void print_decoded(const char *morse)
{
    char code[MAX_LINE];
    size_t length = 0;
    for (const char *p = morse;; p++) {
        if (*p == '.' || *p == '-' || *p == '?') {
            code[length++] = *p;
            continue;
        }
        if (length > 0) {
            code[length] = '\0';
            putchar(char_for(code));
            length = 0;
        }
        if (*p == '/') {
            putchar(' ');
        }
        if (*p == '\0') {
            break;
        }
    }
    putchar('\n');
}

int main(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '.' || line[0] == '-') {
            print_decoded(line);
        } else {
            print_encoded(line);
        }
    }
    return 0;
}
