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
    "borderline: a short idiom repeated": (
        False,
        "int main(void)\n{\n    int a, b;\n    scanf(\"%d\", &a);\n    scanf(\"%d\", &b);\n"
        "    printf(\"%d\\n\", a);\n    printf(\"%d\\n\", b);\n    return 0;\n}\n",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", DRY_CASES)
def test_verdict(case: str) -> None:
    expect(Principle.DRY, *DRY_CASES[case])
