#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 256
#define ALPHABET_SIZE 26
#define MAX_SHIFT 25

static void strip_newline(char *text)
{
    text[strcspn(text, "\n")] = '\0';
}

static char shift_letter(char c, int shift)
{
    char base = isupper((unsigned char)c) ? 'A' : 'a';
    int offset = (c - base + shift) % ALPHABET_SIZE;
    if (offset < 0) {
        offset += ALPHABET_SIZE;
    }
    return (char)(base + offset);
}

static int shift_text(const char *source, char *destination, int shift)
{
    int shifted = 0;
    size_t i = 0;
    for (; source[i] != '\0'; i++) {
        if (isalpha((unsigned char)source[i])) {
            destination[i] = shift_letter(source[i], shift);
            shifted++;
        } else {
            destination[i] = source[i];
        }
    }
    destination[i] = '\0';
    return shifted;
}

static int read_shift(int *shift)
{
    char line[MAX_LINE];
    char *end = NULL;
    if (fgets(line, sizeof line, stdin) == NULL) {
        return 0;
    }
    long value = strtol(line, &end, 10);
    if (end == line || value < -MAX_SHIFT || value > MAX_SHIFT) {
        return 0;
    }
    *shift = (int)value;
    return 1;
}

int main(void)
{
    int shift = 0;
    char text[MAX_LINE] = "";
    char encrypted[MAX_LINE];
    char decrypted[MAX_LINE];

    if (!read_shift(&shift)) {
        printf("Invalid shift\n");
        return 0;
    }
    if (fgets(text, sizeof text, stdin) == NULL) {
        text[0] = '\0';
    }
    strip_newline(text);
    int shifted = shift_text(text, encrypted, shift);
    shift_text(encrypted, decrypted, -shift);
    printf("Encrypted: [%s]\n", encrypted);
    printf("Decrypted: [%s]\n", decrypted);
    printf("Letters shifted: %d\n", shifted);
    return 0;
}
