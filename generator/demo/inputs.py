"""What the demo accepts as code, and the message for everything it does not."""

from __future__ import annotations

import json
import re
from typing import Any

from generator.dataset.rows import LABEL_NAMES
from generator.evidence.facts import analyse

MAX_CODE_BYTES = 20 * 1024
MAX_BODY_BYTES = 8 * MAX_CODE_BYTES  # JSON escaping can grow code a lot (\u0000 is 6 bytes)
MAX_COMMENT_CHARS = 2000
# Tab, newline, carriage return and form feed appear in real source files; other control
# bytes do not, and one NUL means a compiled file or an image was pasted.
TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


class BadInput(Exception):
    """A request the demo refuses, with the HTTP status and a message meant for a person."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": self.message}
        if self.field:
            out["field"] = self.field
        return out


def json_body(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_BODY_BYTES:
        raise BadInput(413, f"the request is {len(raw)} bytes; code may be at most 20 KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            400, f"the request is binary data, not UTF-8 text (byte {exc.start}); send JSON"
        ) from None
    try:
        value = json.loads(text) if text.strip() else None
    except json.JSONDecodeError as exc:
        raise BadInput(400, f"the request is not JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(value, dict):
        raise BadInput(400, 'send a JSON object, e.g. {"code": "int main(void) { return 0; }"}')
    return value


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


def check_code(body: dict[str, Any]) -> str:
    code = body.get("code")
    if code is None:
        raise BadInput(400, 'no "code" in the request: send {"code": "<your C program>"}', "code")
    if not isinstance(code, str):
        raise BadInput(400, f'"code" must be a string, not {type(code).__name__}', "code")
    if not code.strip():
        raise BadInput(400, "the code is empty: paste a C program first", "code")
    size = len(code.encode("utf-8"))
    if size > MAX_CODE_BYTES:
        raise BadInput(
            413, f"the code is {size / 1024:.1f} KB; the limit is 20 KB (one program)", "code"
        )
    for i, ch in enumerate(code):
        if (ch < " " and ch not in TEXT_CONTROLS) or ch == "\x7f" or ch == "\ufffd":
            line = code.count("\n", 0, i) + 1
            raise BadInput(
                400,
                f"the code holds binary data (byte {ord(ch):#04x} on line {line}); paste C"
                " source text, not a compiled file",
                "code",
            )
    why = not_c_reason(code)
    if why:
        raise BadInput(422, f"this does not look like C: {why}", "code")
    return code


def check_feedback(body: dict[str, Any]) -> tuple[str, list[str], dict[str, str], str]:
    cid = body.get("id")
    if not isinstance(cid, str) or not cid.strip():
        raise BadInput(400, '"id" must be the id /api/check returned', "id")
    labels = body.get("labels")
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise BadInput(400, '"labels" must be a list of label names, e.g. ["MC"]', "labels")
    names = [x.strip().upper() for x in labels]
    unknown = sorted(set(names) - set(LABEL_NAMES))
    if unknown:
        raise BadInput(
            422, f'"labels": unknown {unknown}; known: {", ".join(LABEL_NAMES)}', "labels"
        )
    comment = body.get("comment", "")
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        raise BadInput(400, '"comment" must be a string', "comment")
    if len(comment) > MAX_COMMENT_CHARS:
        raise BadInput(413, f'"comment" is {len(comment)} characters; at most 2000', "comment")
    verdicts = body.get("verdicts") or {}
    if not isinstance(verdicts, dict) or not all(
        isinstance(k, str) and v in ("right", "wrong") for k, v in verdicts.items()
    ):
        raise BadInput(400, '"verdicts" must map labels to "right" or "wrong"', "verdicts")
    ordered = [n for n in LABEL_NAMES if n in names]
    return cid.strip(), ordered, {k.upper(): v for k, v in verdicts.items()}, comment.strip()
