"""The NAME verdict on programs written for the guide's rules: a violation a reviewer would
comment on, what the guide lets pass, and the borderline case just below the line."""

from __future__ import annotations

import pytest

from generator.principles import Principle
from tests.principles.verdicts import expect

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
    "a temporary used only to swap, twice": (
        False,
        'int main(void) { int low, mid, high; scanf("%d %d %d", &low, &mid, &high);\n'
        "if (low > mid) { int tmp = low; low = mid; mid = tmp; }\n"
        "if (mid > high) { int tmp = mid; mid = high; high = tmp; }\n"
        'printf("%d %d %d\\n", low, mid, high); return 0; }\n',
    ),
    "a temporary that holds a value of its own": (
        True,
        'int main(void) { int low, high, tmp; scanf("%d %d", &low, &high);\n'
        "tmp = low; low = high; high = tmp;\n"
        'tmp = low * high; printf("%d %d %d\\n", low, high, tmp); return 0; }\n',
    ),
    "a role abbreviation with a qualifier (`cont_c`, `n_dig`)": (
        False,
        "int main(void) { int c, cont_c = 0, n_dig = 0;\n"
        "while ((c = getchar()) != EOF) { cont_c++; if (c >= '0' && c <= '9') n_dig++; }\n"
        'printf("%d %d\\n", cont_c, n_dig); return 0; }\n',
    ),
    "a type abbreviation with a qualifier, computed (`num_a`)": (
        True,
        'int main(void) { int n, num_a; scanf("%d", &n);\n'
        'num_a = n * n; printf("%d\\n", num_a); return 0; }\n',
    ),
    "an index with no letter in its name (`_0`) is judged, not a crash": (
        True,
        "int main(void) { int total = 0;\n"
        "for (int _0 = 0; _0 < 3; _0++) total += _0;\n"
        'printf("%d\\n", total); return 0; }\n',
    ),
    "an inner loop index named for the index it helps (`i_aux`)": (
        False,
        'int main(void) { int n, total = 0; scanf("%d", &n);\n'
        "for (int i = 0; i < n; i++) for (int i_aux = 0; i_aux < i; i_aux++) total++;\n"
        'printf("%d\\n", total); return 0; }\n',
    ),
}


@pytest.mark.parametrize("case", NAME_CASES)
def test_verdict(case: str) -> None:
    expect(Principle.NAME, *NAME_CASES[case])
