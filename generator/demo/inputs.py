"""What the demo accepts as code, and the message for everything it does not."""

from __future__ import annotations

import json
from typing import Any

from generator.c.text import binary_reason, not_c_reason
from generator.dataset.rows import LABEL_NAMES

MAX_CODE_BYTES = 20 * 1024
MAX_BODY_BYTES = 8 * MAX_CODE_BYTES  # JSON escaping can grow code a lot (\u0000 is 6 bytes)
MAX_COMMENT_CHARS = 2000


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
    _check_encodable(value)
    return value


def _check_encodable(value: dict[str, Any]) -> None:
    """JSON may escape a lone surrogate ("\\ud800") that no UTF-8 text can hold: every
    later step (size, store, sandbox, reply) would fail on it, so it is refused here."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        char = f"\\u{ord(exc.object[exc.start]):04x}"
        raise BadInput(
            400, f"the request holds {char}, a lone surrogate no text can hold; send valid Unicode"
        ) from None


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
    binary = binary_reason(code)
    if binary:
        raise BadInput(
            400,
            f"the code holds binary data ({binary}); paste C source text, not a compiled file",
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
