"""A scripted LLM for pipeline tests: replies chosen by what the request asks for.

Replies depend only on the request (purpose and, for variants, the principle), never on
arrival order across purposes, so a resumed run sees the same answers as an uninterrupted one.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.fake_openai import FakeReply

PROGRAMS = Path(__file__).parent / "programs"
PROMPTS = Path(__file__).parents[2] / "prompts"


def _instruction(path: Path) -> list[str]:
    """The fixed pieces of the first line of the template's last user turn (placeholders cut
    out): what tells one principle's request from another's, read from the template so that
    rewording a prompt never breaks routing."""
    last_user = path.read_text().rsplit("[user]", 1)[1]
    line = last_user.strip().splitlines()[0]
    return [piece for piece in re.split(r"\{\{\s*\w+\s*\}\}", line) if piece.strip()]


def _hints(principle: str) -> list[list[str]]:
    name = f"declean_{principle.lower()}.md"
    return [_instruction(d / name) for d in (PROMPTS, PROMPTS / "targeted") if (d / name).exists()]


PRINCIPLE_HINTS = {p: _hints(p) for p in ("DRY", "SRP", "MC", "NAME")}
CORRECTION = _instruction(PROMPTS / "targeted" / "paste_fix.md")


def corrected(body: dict[str, Any]) -> dict[str, Any] | None:
    """The request a correction turn follows up (its answer and the correction cut off), or
    None when `body` is no correction."""
    messages = body["messages"]
    last = messages[-1]["content"]
    if len(messages) < 3 or not all(piece in last for piece in CORRECTION):
        return None
    return {**body, "messages": messages[:-2]}


def program(name: str) -> str:
    return (PROGRAMS / f"{name}.c").read_text()


def fenced(code: str, prose: bool = True) -> str:
    text = f"```c\n{code}```"
    return f"Here is the program:\n\n{text}\n\nIt reads the input and prints." if prose else text


def purpose(body: dict[str, Any]) -> str:
    """What a request asks for; a correction turn counts as the request it follows up."""
    if (first := corrected(body)) is not None:
        return purpose(first)
    last = body["messages"][-1]["content"]
    if "Write a complete C program" in last:
        return "clean"
    if "What went wrong" in last:
        return "fix"
    if "candidate outputs equivalent" in last:
        return "judge"
    for name, hints in PRINCIPLE_HINTS.items():
        if any(all(piece in last for piece in hint) for hint in hints):
            return name
    return "unknown"


Reply = str | FakeReply | Callable[[dict[str, Any]], "str | FakeReply"]


class Script:
    """Per purpose: a list of replies used in order, the last one repeating."""

    def __init__(self, **replies: list[Reply]) -> None:
        self.replies = replies
        self.seen: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> str | FakeReply:
        p = purpose(body)
        with self.lock:
            n = self.seen[p]
            self.seen[p] += 1
        options = self.replies.get(p)
        if not options:
            return FakeReply(status=400, raw_body='{"error": {"message": "unscripted"}}')
        item = options[min(n, len(options) - 1)]
        return item(body) if callable(item) else item


C_BLOCK = re.compile(r"```c\n(.*?)```", re.DOTALL)


def paste(body: dict[str, Any]) -> str:
    """What a model that follows the per-line paste prompt answers: the helper's statements
    with the named values in place of its parameters. A whole-program request gets the
    fixture program for the principle instead. Told what was wrong, it answers the request
    it was first asked."""
    body = corrected(body) or body
    last = body["messages"][-1]["content"]
    blocks = C_BLOCK.findall(last)
    said = re.search(r"body, with (.*)\.\s*$", last)
    if len(blocks) != 1 or said is None:
        return fenced(program(purpose(body).lower()))
    helper = blocks[0].strip()
    statements = helper[helper.index("{") + 1 : helper.rindex("}")].strip().splitlines()
    for pair in said.group(1).replace(" and ", ", ").split(", "):
        if " in place of " in pair:
            value, param = pair.rsplit(" in place of ", 1)
            statements = [re.sub(rf"\b{param}\b", value, s) for s in statements]
    out = [s[4:] if s.startswith("    ") else s for s in statements]
    return fenced("\n".join(out) + "\n", prose=False)


EDITS = re.compile(r"^In this C code, (replace|rename) (.*?), (?:everywhere|and change)", re.M)
QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def rewrite(body: dict[str, Any]) -> str:
    """What a model that follows the piecewise MC/NAME prompt answers: the code it was
    shown with each name replaced (outside quotes). A whole-program request gets the
    fixture program for the principle instead."""
    last = body["messages"][-1]["content"]
    blocks, said = C_BLOCK.findall(last), EDITS.search(last)
    if len(blocks) != 1 or said is None:
        return fenced(program(purpose(body).lower()))
    word = " by " if said.group(1) == "replace" else " to "
    code = blocks[0]
    for pair in said.group(2).replace(" and ", ", ").split(", "):
        old, new = (part.strip("`") for part in pair.split(word, 1))
        parts = QUOTED.split(code)
        quotes = QUOTED.findall(code)
        parts = [re.sub(rf"\b{re.escape(old)}\b", new, part) for part in parts]
        code = "".join(p + (quotes[i] if i < len(quotes) else "") for i, p in enumerate(parts))
    return fenced(code, prose=False)


def happy_script() -> Script:
    return Script(
        clean=[fenced(program("clean"))],
        DRY=[paste],
        SRP=[paste],
        MC=[rewrite],
        NAME=[rewrite],
        judge=['{"equivalent": false, "reason": "values differ"}'],
    )
