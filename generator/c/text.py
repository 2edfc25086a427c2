"""Whether a text is a C program at all, before anything measures it as one.

The demo refuses a paste with these reasons, and `declean evidence` a file: prose, another
language or a binary would otherwise be "measured" and could even be called confirmed.
"""

from __future__ import annotations

import re

from generator.c.facts import analyse

# Tab, newline, carriage return and form feed appear in real source files; other control
# bytes do not, and one NUL means a compiled file or an image was pasted.
TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def binary_reason(code: str) -> str | None:
    """Where the text holds a byte no source file has (U+FFFD: an undecodable byte), or None."""
    for i, ch in enumerate(code):
        if (ch < " " and ch not in TEXT_CONTROLS) or ch == "\x7f" or ch == "\ufffd":
            line = code.count("\n", 0, i) + 1
            return f"byte {ord(ch):#04x} on line {line}"
    return None


# Line starts that C never has but a neighbouring language pasted by mistake does.
OTHER_LANGUAGES: list[tuple[str, re.Pattern[str]]] = [
    (lang, re.compile(pattern, re.MULTILINE))
    for lang, pattern in [
        (
            "C++",
            r"^\s*(#include\s*<(iostream|vector|string|map)>|using\s+namespace\b|"
            r"(std::)?(cout|cin)\s*(<<|>>)|template\s*<|class\s+\w+\s*(:|\{))",
        ),
        ("Java", r"^\s*(public|private)\s+(static\s+)?(class|void|int)\b|System\.out\."),
        (
            "Python",
            r"^\s*(def\s+\w+\(.*\)\s*:|import\s+\w+\s*$|from\s+\w+\s+import\b|"
            r"print\(.*\)\s*$)",
        ),
        ("JavaScript", r"^\s*(function\s+\w+\s*\(|(const|let|var)\s+\w+\s*=|console\.log\()"),
        ("Rust", r"^\s*(fn\s+\w+|use\s+std::|let\s+mut\b)"),
        ("Go", r"^\s*(package\s+\w+\s*$|func\s+\w+\s*\()"),
    ]
]


def not_c_reason(code: str) -> str | None:
    """Why this text is no C program, or None. Broken C passes: the compiler says NO_COMPILE.

    tree-sitter recovers from errors, so prose and other languages still parse, but
    into no function and a tree that is mostly ERROR nodes.
    """
    for lang, pattern in OTHER_LANGUAGES:
        m = pattern.search(code)
        if m:
            line = code.count("\n", 0, m.start()) + 1
            return f"line {line} looks like {lang} (`{m.group(0).strip()[:40]}`)"
    facts = analyse(code)
    lines = [x for x in code.splitlines() if x.strip()]
    if not facts.functions:
        return "it defines no function (a C program needs at least `int main(void) { ... }`)"
    if facts.parse_errors > max(3, len(lines) // 3):
        return f"most of it does not parse as C ({facts.parse_errors} unreadable parts)"
    return None
