#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE 128

static int keep_alphanumeric(const char *line, char *kept)
{
    int length = 0;
    for (const char *p = line; *p != '\0'; p++) {
        if (isalnum((unsigned char)*p)) {
            kept[length++] = (char)tolower((unsigned char)*p);
        }
    }
    kept[length] = '\0';
    return length;
}

static bool is_palindrome(const char *text, int length)
{
    for (int left = 0, right = length - 1; left < right; left++, right--) {
        if (text[left] != text[right]) {
            return false;
        }
    }
    return true;
}

int main(void)
{
    char line[MAX_LINE];
    char kept[MAX_LINE];
    int line_number = 0;
    int palindromes = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        line_number++;
        int length = keep_alphanumeric(line, kept);
        bool palindrome = is_palindrome(kept, length);
        palindromes += palindrome;
        printf("%d: %s (%d chars)\n", line_number, palindrome ? "yes" : "no", length);
    }
    printf("Palindromes: %d of %d\n", palindromes, line_number);
    return 0;
}
