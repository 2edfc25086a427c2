"""Pull C code out of an LLM reply: fenced or not, with prose around it."""

from __future__ import annotations

import re

FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+#-]*)[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL)
C_START = re.compile(
    r"^\s*(#\s*include|#\s*define|typedef\b|struct\b|enum\b|static\b|const\b|"
    r"(unsigned\s+|signed\s+)?(int|void|char|double|float|long|short|bool|size_t)\b)"
)
C_LANGS = {"", "c", "h", "c99", "c11", "cpp", "c++"}


def _looks_like_program(code: str) -> bool:
    return "main" in code and "{" in code


def _unfenced(text: str) -> str | None:
    """Code without fences: from the first line that starts C to the last closing brace."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if C_START.match(line)), None)
    if start is None:
        return None
    end = max((i for i, line in enumerate(lines) if line.rstrip().endswith("}")), default=-1)
    if end < start:
        return None
    return "\n".join(lines[start : end + 1])


def extract_code(text: str) -> str | None:
    """The program in `text`, or None when there is none (the caller records `parse_error`).

    Among several fenced blocks, the one holding `main` wins (small models often show a
    snippet first and the full program after); the longest such block breaks ties.
    """
    blocks = [b for lang, b in FENCE.findall(text) if lang.lower() in C_LANGS]
    programs = [b for b in blocks if _looks_like_program(b)]
    if programs:
        code = max(programs, key=len)
    elif blocks and not _looks_like_program(text):
        code = max(blocks, key=len)
    else:
        code = _unfenced(text)
    if code is None or not code.strip():
        return None
    code = code.strip("\n")
    return code + "\n" if _looks_like_program(code) else None
