"""Repairs driven by gcc's format warnings, made after a build and before any fix request.

A printf format that does not match its argument is undefined behaviour (the output is
whatever a register held), so `build.failure` rejects it. Two slips are common in the
1.5B model's clean solutions and have one plain reading, so they are repaired here instead
of paying a request (docs/decisions.md, "Undefined behaviour fails the build, ..."):
- a number given to a conversion of another number type (`%d` given a `double`): the
  argument is cast to the type the conversion expects, as the program meant to print it;
- a percent sign meant as text (`"VAT 20%: ..."`, `"50%\\n"`): it is escaped as `%%`.

Anything else gcc says about formats (a missing argument, `%d` given a `char *` in scanf)
has no single reading, and is left to a fix request or a new solution.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from generator.c import syntax
from generator.c.program import Program
from generator.c.syntax import text, walk

if TYPE_CHECKING:
    from sandbox import Diagnostic

FORMAT_WARNING = "[-Wformat=]"
MISMATCH = re.compile(
    r"format '(?P<directive>[^']*)' expects argument of type '(?P<expected>[^']+)', "
    r"but argument (?P<arg>\d+) has type '(?P<given>[^']+)'(?: \{aka '(?P<aka>[^']+)'\})?"
)
STRAY_PERCENT = ("unknown conversion type character", "spurious trailing '%'")
ARITHMETIC = frozenset(
    f"{sign}{base}"
    for sign in ("", "unsigned ", "signed ")
    for base in ("char", "short int", "int", "long int", "long long int")
) | {
    "short unsigned int",
    "long unsigned int",
    "long long unsigned int",
    "float",
    "double",
    "long double",
    "_Bool",
}
# Expressions that bind tighter than a cast, so `(int)x` needs no parentheses round `x`.
POSTFIX = frozenset(
    [
        "identifier",
        "number_literal",
        "field_expression",
        "subscript_expression",
        "call_expression",
        "parenthesized_expression",
    ]
)
FLAGS_WIDTH = frozenset("-+ #0123456789.")
TABSTOP = 8  # gcc's default -ftabstop: its columns count display columns, not bytes


def repair_formats(program: Program, diagnostics: list[Diagnostic]) -> tuple[Program, list[str]]:
    """The program with the format slips gcc reported repaired, and the repairs made: the
    same `Program` when none was, else a new one (parsed when first read), as `repair`."""
    wanted = [d for d in diagnostics if d.message.endswith(FORMAT_WARNING) and d.line]
    if not wanted:
        return program, []
    code = program.code
    lines = code.split("\n")
    edits: dict[int, tuple[int, int, str]] = {}  # keyed by start byte: one edit a spot
    done: list[str] = []
    for d in wanted:
        spot = _defined_at(diagnostics, d)
        if not 0 < (spot.line or 0) <= len(lines):
            continue
        at = _byte_offset(lines, spot.line or 0, spot.column or 1)
        literal = _literal_at(program.root, at)
        if literal is None:
            continue
        edit = _cast(literal, d.message) or _escape(literal, at, d.message)
        if edit is not None and edit[0][0] not in edits:
            edits[edit[0][0]] = edit[0]
            done.append(f"line {d.line}: {edit[1]}")
    if not edits:
        return program, []
    return Program(syntax.replace_spans(code, edits.values())), done


def _defined_at(diagnostics: list[Diagnostic], warning: Diagnostic) -> Diagnostic:
    """Where the directive is: in a format split over concatenated literals, gcc points at
    the call and adds a note at the directive itself."""
    after = diagnostics[diagnostics.index(warning) + 1 :]
    if (
        after
        and after[0].severity == "note"
        and "format string is defined here" in after[0].message
    ):
        return after[0]
    return warning


def _cast(literal: Node, message: str) -> tuple[tuple[int, int, str], str] | None:
    m = MISMATCH.search(message)
    if m is None:
        return None
    given = m["aka"] or m["given"]
    if m["expected"] not in ARITHMETIC or given not in ARITHMETIC:
        return None
    args = _arguments(literal)
    index = int(m["arg"]) - 1
    if args is None or not 0 <= index < len(args):
        return None
    arg = args[index]
    shown = text(arg) if arg.type in POSTFIX else f"({text(arg)})"
    cast = f"({m['expected']}){shown}"
    why = f"cast {text(arg)} to {m['expected']}: '{m['directive']}' was given type {given}"
    return (arg.start_byte, arg.end_byte, cast), why


def _escape(literal: Node, at: int, message: str) -> tuple[tuple[int, int, str], str] | None:
    if not any(s in message for s in STRAY_PERCENT):
        return None
    raw = literal.text or b""
    # gcc points at the conversion character, or at a trailing `%` itself
    i = at - literal.start_byte
    i -= raw[i : i + 1] != b"%"
    while i > 0 and chr(raw[i]) in FLAGS_WIDTH:
        i -= 1
    if i <= 0 or raw[i : i + 1] != b"%" or raw[i - 1 : i] == b"%":
        return None
    start = literal.start_byte + i
    return (start, start + 1, "%%"), "escaped a % meant as text"


def _arguments(literal: Node) -> list[Node] | None:
    """The arguments of the call whose argument the format `literal` is."""
    node = literal
    while node.parent is not None and node.parent.type == "concatenated_string":
        node = node.parent
    if node.parent is None or node.parent.type != "argument_list":
        return None
    return list(node.parent.named_children)


def _literal_at(root: Node, at: int) -> Node | None:
    """The innermost string literal holding byte `at`."""
    found = None
    for n in walk(root):
        if n.type == "string_literal" and n.start_byte <= at < n.end_byte:
            found = n
    return found


def _byte_offset(lines: list[str], line: int, column: int) -> int:
    """The byte offset of gcc's (line, display column), both from 1, in the whole code."""
    before = sum(len(s.encode("utf-8", "replace")) + 1 for s in lines[: line - 1])
    shown = 1
    for i, ch in enumerate(lines[line - 1]):
        if shown >= column:
            return before + len(lines[line - 1][:i].encode("utf-8", "replace"))
        shown = ((shown - 1) // TABSTOP + 1) * TABSTOP + 1 if ch == "\t" else shown + 1
    return before + len(lines[line - 1].encode("utf-8", "replace"))
