"""Each principle's verdict on programs written for its rules: a violation a reviewer would
comment on, what the guide lets pass, and the borderline case just below the line."""

from __future__ import annotations

import pytest

from generator.principles import Principle
from generator.principles.base import verdicts

HEAD = "#include <stdio.h>\n\n"


def said(code: str, principle: Principle) -> bool:
    return verdicts(HEAD + code)[principle].violated


# -- MC ---------------------------------------------------------------------------------------
MC_CASES = {
    "a named constant written as its number": (
        True,
        "#define MAX 100\nint main(void) { int v[MAX]; int n = 0;\n"
        'while (n < 100 && scanf("%d", &v[n]) == 1) n++;\nprintf("%d\\n", n); return 0; }\n',
    ),
    "MAX - 1 written as a number": (
        True,
        "#define MAX 80\nint main(void) { char s[MAX]; int n = 0; int c;\n"
        "while (n < 79 && (c = getchar()) != EOF) s[n++] = (char)c;\n"
        'printf("%d\\n", n); return 0; }\n',
    ),
    "a character code as a number": (
        True,
        'int main(void) { int c = getchar(); int d = c - 48; printf("%d\\n", d); return 0; }\n',
    ),
    "the same number three times": (
        True,
        'int main(void) { int t; scanf("%d", &t);\n'
        'printf("%d %d %d\\n", t / 3600, (t % 3600) / 60, t % 60);\n'
        'printf("%d\\n", t / 3600 * 3600); return 0; }\n',
    ),
    "three different unexplained numbers": (
        True,
        'int main(void) { int x; scanf("%d", &x);\n'
        'if (x > 86400) printf("day\\n"); if (x % 7 == 3) printf("week\\n");\n'
        "return 0; }\n",
    ),
    "a number the exercise gives, written once": (
        False,
        'int main(void) { int v, sum = 0;\nfor (int i = 0; i < 5; i++) { scanf("%d", &v); '
        'sum += v; }\nprintf("%d\\n", sum); return 0; }\n',
    ),
    "decimal digits and character arithmetic": (
        False,
        'int main(void) { int n, sum = 0; int c = getchar(); scanf("%d", &n);\n'
        "while (n > 0) { sum += n % 10; n /= 10; }\n"
        "printf(\"%d %d\\n\", sum, c - '0'); return 0; }\n",
    ),
    "borderline: one number written twice": (
        False,
        'int main(void) { int s; scanf("%d", &s);\n'
        'printf("%d %d\\n", s / 60, s % 60); return 0; }\n',
    ),
}


# -- NAME -------------------------------------------------------------------------------------
NAME_CASES = {
    "single letters for values with a role": (
        True,
        'int main(void) { int x, y = 0, z; scanf("%d", &x);\nfor (z = 1; z <= x; z++) y += z;\n'
        'printf("%d\\n", y); return 0; }\n',
    ),
    "numbered names for computed values": (
        True,
        'int main(void) { int n, total1 = 0, total2 = 0; scanf("%d", &n);\n'
        "for (int i = 1; i <= n; i++) { total1 += i; total2 += i * i; }\n"
        'printf("%d %d\\n", total1, total2); return 0; }\n',
    ),
    "a loop index holding a value read": (
        True,
        'int main(void) { int n; float i, sum = 0; scanf("%d", &n);\n'
        'while (n-- > 0) { scanf("%f", &i); sum += i; }\n'
        'printf("%f\\n", sum); return 0; }\n',
    ),
    "numbered names read straight from input": (
        False,
        'int main(void) { int n1, n2; scanf("%d %d", &n1, &n2);\n'
        'printf("%d\\n", n1 + n2); return 0; }\n',
    ),
    "a tiny helper's generic parameters": (
        False,
        "void swap(int *x, int *y) { int t = *x; *x = *y; *y = t; }\n"
        'int main(void) { int n, m; scanf("%d %d", &n, &m);\n'
        'if (n > m) swap(&n, &m); printf("%d %d\\n", n, m); return 0; }\n',
    ),
    "loop indices, n and meaningful names in Portuguese": (
        False,
        'int main(void) { int n, soma = 0, contador = 0; scanf("%d", &n);\n'
        "for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) { soma += j; contador++; }\n"
        'printf("%d %d\\n", soma, contador); return 0; }\n',
    ),
    "a, b and c for interchangeable inputs": (
        False,
        'int main(void) { int a, b, c; scanf("%d %d %d", &a, &b, &c);\n'
        "int largest = a > b ? (a > c ? a : c) : (b > c ? b : c);\n"
        'printf("%d\\n", largest); return 0; }\n',
    ),
    "borderline: a single letter read straight from input": (
        False,
        'int main(void) { int count, total = 0, x; scanf("%d", &count);\n'
        'for (int i = 0; i < count; i++) { scanf("%d", &x); total += x; }\n'
        'printf("%d\\n", total); return 0; }\n',
    ),
}


# -- DRY --------------------------------------------------------------------------------------
CHECK = (
    '    scanf("%d", &side);\n    if (side <= 0) {\n        printf("invalid side\\n");\n'
    "        return 0;\n    }\n    perimeter += side;\n"
)
DRY_CASES = {
    "a checked read pasted three times": (
        True,
        "int main(void)\n{\n    int side, perimeter = 0;\n" + CHECK * 3
        + "    printf(\"%d\\n\", perimeter);\n    return 0;\n}\n",
    ),
    "two loops that do different things": (
        False,
        "int main(void)\n{\n    int n, sum = 0, largest = 0, v;\n    scanf(\"%d\", &n);\n"
        "    for (int i = 0; i < n; i++) {\n        scanf(\"%d\", &v);\n        sum += v;\n    }\n"
        "    for (int i = 1; i <= n; i++) {\n        if (i * i > largest) largest = i * i;\n    }\n"
        "    printf(\"%d %d\\n\", sum, largest);\n    return 0;\n}\n",
    ),
    "borderline: a short idiom repeated": (
        False,
        "int main(void)\n{\n    int a, b;\n    scanf(\"%d\", &a);\n    scanf(\"%d\", &b);\n"
        "    printf(\"%d\\n\", a);\n    printf(\"%d\\n\", b);\n    return 0;\n}\n",
    ),
}  # fmt: skip


# -- SRP --------------------------------------------------------------------------------------
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
}  # fmt: skip


CASES = {
    Principle.MC: MC_CASES,
    Principle.NAME: NAME_CASES,
    Principle.DRY: DRY_CASES,
    Principle.SRP: SRP_CASES,
}


@pytest.mark.parametrize(
    ("principle", "case"), [(p, case) for p, cases in CASES.items() for case in cases]
)
def test_verdict(principle: Principle, case: str) -> None:
    expected, code = CASES[principle][case]
    assert said(code, principle) is expected


def test_every_verdict_gives_reasons_when_it_flags() -> None:
    for principle, cases in CASES.items():
        for flagged, code in cases.values():
            v = verdicts(HEAD + code)[principle]
            assert v.violated is flagged
            assert bool(v.reasons) or not flagged, (principle, code)
