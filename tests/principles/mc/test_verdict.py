"""The MC verdict on programs written for the guide's rules: a violation a reviewer would
comment on, what the guide lets pass, and the borderline case just below the line."""

from __future__ import annotations

import pytest

from generator.principles import Principle
from tests.principles.verdicts import expect

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


@pytest.mark.parametrize("case", MC_CASES)
def test_verdict(case: str) -> None:
    expect(Principle.MC, *MC_CASES[case])
