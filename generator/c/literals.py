"""Normalised literal values, so `10`, `10.0`, `0xA` and `(10)` compare equal."""

from __future__ import annotations

import re

NUMBER = re.compile(r"^[+-]?(0[xX][0-9a-fA-F']+|[0-9.][0-9a-zA-Z.'+-]*)$")
# Values so common in clean C (loop starts, steps, halves, -1 sentinels) that counting them
# would only add noise; a named constant with such a value that got inlined is still caught.
IGNORED_NUMBERS = frozenset(["n:0", "n:1", "n:-1", "n:2"])


def literal_key(kind: str, text: str) -> str:
    """`n:<value>`, `s:<literal>` or `c:<literal>`; '' when `text` is not one literal."""
    text = text.strip()
    if kind == "preproc_arg":
        while text.startswith("(") and text.endswith(")"):
            text = text[1:-1].strip()
        if text.startswith('"') and text.endswith('"') and text.count('"') == 2:
            kind = "string_literal"
        elif text.startswith("'") and text.endswith("'"):
            kind = "char_literal"
        else:
            kind = "number_literal"
    if kind == "string_literal" or kind == "raw_string_literal":
        return "s:" + text
    if kind == "char_literal":
        return "c:" + text
    if kind == "number_literal" and NUMBER.match(text):
        value = _number(text)
        return f"n:{value}" if value is not None else "n:" + text.lower()
    return ""


def _number(text: str) -> int | float | None:
    t = text.lower().replace("'", "")
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-")
    try:
        if t.startswith("0x"):
            if "p" in t:
                return sign * float.fromhex(t.rstrip("fl"))
            return sign * int(t.rstrip("ul"), 16)
        if t.startswith("0b"):
            return sign * int(t[2:].rstrip("ul"), 2)
        if any(ch in t for ch in ".e") or t.endswith("f"):
            value = float(t.rstrip("fl"))
            return sign * (int(value) if value.is_integer() else value)
        t = t.rstrip("ul")
        if len(t) > 1 and t.startswith("0"):
            return sign * int(t, 8)
        return sign * int(t)
    except ValueError:
        return None


def is_magic(kind: str, key: str, io: bool) -> bool:
    """Whether a literal in code counts as an unnamed constant.

    Numbers count unless trivial. Strings count unless they are output text or formats
    (arguments of printf/puts/scanf...). Character literals never count on their own:
    `c - '0'`, `'\\n'`, `c >= 'a'` are idiom, and an inlined named character constant is
    caught by the inlining signal instead.
    """
    if kind == "number":
        return key not in IGNORED_NUMBERS
    if kind == "string":
        return not io
    return False
