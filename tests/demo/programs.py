"""C programs the demo tests check: real references of the corpus, and small broken ones."""

from __future__ import annotations

from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "problems" / "reference"
VECTOR_OPS = (REFERENCE / "vector-ops.c").read_text(encoding="utf-8")
TRAFFIC_LIGHT = (REFERENCE / "traffic-light.c").read_text(encoding="utf-8")

MAGIC = """#include <stdio.h>

int main(void) {
    int a, b;
    if (scanf("%d %d", &a, &b) != 2) {
        return 1;
    }
    printf("%d\\n", a * 365 + b * 24);
    return 0;
}
"""

BROKEN = """#include <stdio.h>

int main(void) {
    int total = 0
    printf("%d\\n", totl);
    return 0;
}
"""

# Would spin forever if anything ran it; the demo only compiles.
FOREVER = "int main(void) { for (;;) { } }\n"
