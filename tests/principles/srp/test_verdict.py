"""The SRP verdict on programs written for the guide's rules: a violation a reviewer would
comment on, what the guide lets pass, and the borderline case just below the line."""

from __future__ import annotations

import pytest

from generator.principles import Principle
from tests.principles.verdicts import expect

STEP = "    if (grades[i] > {k}) {{\n        above{k}++;\n    }}\n"
LONG_MAIN = (
    "int main(void)\n{\n    int grades[50], count = 0, above5 = 0, above10 = 0, above15 = 0;\n"
    '    int best = 0, worst = 20, even = 0, sum = 0;\n    scanf("%d", &count);\n'
    '    for (int i = 0; i < count; i++) {\n        scanf("%d", &grades[i]);\n'
    "        sum += grades[i];\n"
    + "".join(STEP.format(k=k) for k in (5, 10, 15))
    + "        if (grades[i] > best) {\n            best = grades[i];\n        }\n"
    "        if (grades[i] < worst) {\n            worst = grades[i];\n        }\n"
    "        if (grades[i] % 2 == 0 && grades[i] != 0) {\n            even++;\n        }\n"
    "        while (grades[i] > 20) {\n            grades[i] -= 20;\n        }\n    }\n"
    "    for (int i = 0; i < count; i++) {\n        if (grades[i] == best) {\n"
    '            printf("best: %d\\n", i);\n        }\n        if (grades[i] < 10) {\n'
    '            printf("failed: %d\\n", i);\n        }\n    }\n'
    '    printf("%d %d %d %d\\n", sum, above5, above10, above15);\n'
    '    printf("%d %d %d\\n", best, worst, even);\n    return 0;\n}\n'
)
CROSS = (
    "static void cross(int n)\n{\n    for (int row = 0; row < n; row++) {\n"
    "        for (int col = 0; col < n; col++) {\n"
    '            if (row == col && row == n / 2) {\n                printf("+");\n'
    '            } else if (row == n / 2) {\n                printf("-");\n'
    '            } else if (col == n / 2) {\n                printf("|");\n'
    '            } else if (row == col) {\n                printf("\\\\");\n'
    '            } else if (row + col == n - 1) {\n                printf("/");\n'
    '            } else if (row == 0 || row == n - 1) {\n                printf("=");\n'
    '            } else if (col == 0 || col == n - 1) {\n                printf("!");\n'
    '            } else {\n                printf(" ");\n            }\n        }\n'
    '        printf("\\n");\n    }\n}\n\n'
    'int main(void)\n{\n    int n;\n    scanf("%d", &n);\n    cross(n);\n    return 0;\n}\n'
)
FILTER = r"""enum { OUTSIDE, WORD, NUMBER };

int main(void)
{
    int c, state = OUTSIDE;
    while ((c = getchar()) != EOF) {
        if (state == OUTSIDE) {
            if (c >= '0' && c <= '9') {
                state = NUMBER;
                putchar('#');
            } else if (c >= 'a' && c <= 'z') {
                state = WORD;
                putchar(c - 'a' + 'A');
            } else {
                putchar(c);
            }
        } else if (state == WORD) {
            if (c == ' ' || c == '\n') {
                state = OUTSIDE;
                putchar(c);
            } else if (c >= 'a' && c <= 'z') {
                putchar(c);
            } else {
                putchar('_');
            }
        } else {
            if (c == ' ' || c == '\n') {
                state = OUTSIDE;
                putchar(c);
            } else if (c < '0' || c > '9') {
                putchar('?');
            }
        }
    }
    return 0;
}
"""
STATE_REPORT = FILTER.replace("putchar('?')", 'printf("bad digit %c\\n", c)')
SRP_CASES = {
    "one main reading, computing and printing everything": (True, LONG_MAIN),
    "a helper that reads, decides and prints": (
        True,
        "static int read_and_show_max(int n)\n{\n    int best = 0, v;\n"
        "    for (int i = 0; i < n; i++) {\n        scanf(\"%d\", &v);\n"
        "        if (v > best) {\n            best = v;\n        }\n    }\n"
        "    printf(\"%d\\n\", best);\n    return best;\n}\n\n"
        "int main(void)\n{\n    read_and_show_max(3);\n    return 0;\n}\n",
    ),
    "a helper named for one job that prints as well": (
        True,
        "static void erase_char(char s[], char c)\n{\n    for (int i = 0; s[i] != '\\0'; i++) {\n"
        "        if (s[i] != c) {\n            putchar(s[i]);\n        }\n    }\n}\n\n"
        "int main(void)\n{\n    char s[] = \"banana\";\n    erase_char(s, 'a');\n"
        "    return 0;\n}\n",
    ),
    "a helper whose name joins two jobs": (
        True,
        "static int read_and_keep_best(int n)\n{\n    int best = 0, v;\n"
        "    for (int i = 0; i < n; i++) {\n        scanf(\"%d\", &v);\n"
        "        if (v > best) {\n            best = v;\n        }\n    }\n    return best;\n}\n\n"
        "int main(void)\n{\n    printf(\"%d\\n\", read_and_keep_best(3));\n    return 0;\n}\n",
    ),
    "borderline: a helper that reads a line, its one job": (
        False,
        "static int read_line(char s[], int size)\n{\n    int c, n = 0;\n"
        "    while (n < size - 1 && (c = getchar()) != '\\n' && c != EOF) {\n"
        "        s[n++] = (char)c;\n    }\n    s[n] = '\\0';\n    return n;\n}\n\n"
        "int main(void)\n{\n    char s[80];\n    printf(\"%d\\n\", read_line(s, 80));\n"
        "    return 0;\n}\n",
    ),
    "a tiny program all in main": (
        False,
        "int main(void)\n{\n    int n;\n    scanf(\"%d\", &n);\n"
        "    for (int i = 1; i <= n; i++) {\n        printf(\"%d\\n\", i);\n    }\n"
        "    return 0;\n}\n",
    ),
    "a helper printing what the exercise asks it to print": (
        False,
        "static void square(int n)\n{\n    for (int i = 0; i < n; i++) {\n"
        "        for (int j = 0; j < n; j++) {\n            printf(\"*\");\n        }\n"
        "        printf(\"\\n\");\n    }\n}\n\n"
        "int main(void)\n{\n    int n;\n    scanf(\"%d\", &n);\n    square(n);\n    return 0;\n}\n",
    ),
    "a long helper that only draws (twice the line: one job)": (False, CROSS),
    "a long character filter from getchar to putchar (one job)": (False, FILTER),
    "borderline: the same filter reporting with printf reads, decides and prints": (
        True,
        STATE_REPORT,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", SRP_CASES)
def test_verdict(case: str) -> None:
    expect(Principle.SRP, *SRP_CASES[case])
