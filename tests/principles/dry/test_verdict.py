"""The DRY verdict on programs written for the guide's rules: a violation a reviewer would
comment on, what the guide lets pass, and the borderline case just below the line."""

from __future__ import annotations

import pytest

from generator.principles import Principle
from tests.principles.verdicts import expect

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
    "helpers that walk an array open the same way and do different things": (
        False,
        "#define SIZE 50\n\nvoid clear_scores(int scores[], int count)\n{\n    int i;\n"
        "    for (i = 0; i < count; i++) {\n        scores[i] = 0;\n    }\n}\n\n"
        "void read_scores(int scores[], int count)\n{\n    int i;\n"
        "    for (i = 0; i < count; i++) {\n        scanf(\"%d\", &scores[i]);\n    }\n}\n\n"
        "void show_scores(int scores[], int count)\n{\n    int i;\n"
        "    for (i = 0; i < count; i++) {\n        printf(\"%d\\n\", scores[i]);\n    }\n}\n\n"
        "int main(void)\n{\n    int scores[SIZE], count;\n    scanf(\"%d\", &count);\n"
        "    clear_scores(scores, SIZE);\n    read_scores(scores, count);\n"
        "    show_scores(scores, count);\n    return 0;\n}\n",
    ),
    "the same sum written out for rows and for columns": (
        True,
        "#define N 3\n\nint main(void)\n{\n    int m[N][N], total;\n"
        "    for (int r = 0; r < N; r++)\n        for (int c = 0; c < N; c++)\n"
        "            scanf(\"%d\", &m[r][c]);\n"
        "    total = 0;\n    total += m[0][0] + m[0][1] + m[0][2];\n"
        "    if (total > 10) {\n        printf(\"big %d\\n\", total);\n    } else {\n"
        "        printf(\"small %d\\n\", total);\n    }\n"
        "    total = 0;\n    total += m[1][0] + m[1][1] + m[1][2];\n"
        "    if (total > 10) {\n        printf(\"big %d\\n\", total);\n    } else {\n"
        "        printf(\"small %d\\n\", total);\n    }\n"
        "    total = 0;\n    total += m[2][0] + m[2][1] + m[2][2];\n"
        "    if (total > 10) {\n        printf(\"big %d\\n\", total);\n    } else {\n"
        "        printf(\"small %d\\n\", total);\n    }\n"
        "    return 0;\n}\n",
    ),
    "borderline: a short idiom repeated": (
        False,
        "int main(void)\n{\n    int a, b;\n    scanf(\"%d\", &a);\n    scanf(\"%d\", &b);\n"
        "    printf(\"%d\\n\", a);\n    printf(\"%d\\n\", b);\n    return 0;\n}\n",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", DRY_CASES)
def test_verdict(case: str) -> None:
    expect(Principle.DRY, *DRY_CASES[case])
