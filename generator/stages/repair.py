"""Deterministic repairs of trivial defects, applied before spending an LLM fix on them.

Only additions that cannot change a correct program's behaviour: a standard header that a
used function needs. Each repair is recorded on the sample.
"""

from __future__ import annotations

import re

# header -> identifiers whose use without the header is the classic small-model slip
HEADERS: dict[str, tuple[str, ...]] = {
    "stdio.h": (
        "printf",
        "scanf",
        "fgets",
        "puts",
        "putchar",
        "getchar",
        "fprintf",
        "sscanf",
        "snprintf",
        "sprintf",
        "fputs",
        "stdin",
        "stdout",
        "stderr",
        "EOF",
    ),
    "stdlib.h": (
        "malloc",
        "calloc",
        "realloc",
        "free",
        "atoi",
        "atof",
        "strtol",
        "strtod",
        "qsort",
        "exit",
        "abs",
        "EXIT_SUCCESS",
        "EXIT_FAILURE",
    ),
    "string.h": (
        "strlen",
        "strcpy",
        "strncpy",
        "strcmp",
        "strncmp",
        "strcat",
        "strncat",
        "strchr",
        "strrchr",
        "strstr",
        "memset",
        "memcpy",
        "memmove",
        "strcspn",
        "strtok",
    ),
    "math.h": ("sqrt", "pow", "fabs", "floor", "ceil", "round", "log", "exp", "sin", "cos"),
    "ctype.h": (
        "isdigit",
        "isalpha",
        "isalnum",
        "isspace",
        "isupper",
        "islower",
        "toupper",
        "tolower",
        "ispunct",
    ),
    "stdbool.h": ("bool", "true", "false"),
    "limits.h": ("INT_MAX", "INT_MIN", "LONG_MAX", "LONG_MIN", "CHAR_MAX", "UINT_MAX"),
    "stddef.h": ("size_t", "NULL"),
}
INCLUDE = re.compile(r"^\s*#\s*include\s*[<\"]([^>\"]+)[>\"]", re.MULTILINE)
COMMENTS_STRINGS = re.compile(
    r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.DOTALL
)
# Headers that already make the names above visible in practice.
IMPLIED = {"stddef.h": ("stdio.h", "stdlib.h", "string.h")}


def missing_includes(code: str) -> list[str]:
    included = set(INCLUDE.findall(code))
    body = COMMENTS_STRINGS.sub(" ", code)
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", body))
    out = []
    for header, names in HEADERS.items():
        if header in included or any(h in included for h in IMPLIED.get(header, ())):
            continue
        if words.intersection(names):
            out.append(header)
    return out


def repair(code: str) -> tuple[str, list[str]]:
    """Return the repaired code and the list of repairs made (empty when none)."""
    headers = missing_includes(code)
    if not headers:
        return code, []
    lines = "".join(f"#include <{h}>\n" for h in headers)
    return lines + code, [f"added #include <{h}>" for h in headers]
