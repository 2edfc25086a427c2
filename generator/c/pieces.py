"""MC and NAME edits one top-level piece at a time: each function, and the declarations
between functions, sent on their own and put back where they were.

The edit is the same everywhere in the program (write LIMIT as 30; rename count to n), so
it splits cleanly; what a small model gets wrong on a whole program is the copying around
the edit (dropped definitions, a rename stopped halfway). The definitions of the constants
being inlined are never sent (a model told "replace LIMIT by 30" would happily write
`#define 30 30`); `drop_unused_constants` removes them once nothing uses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from generator.c.syntax import NAME_NODES, declarator_name, delete_spans, function_name, walk
from generator.c.syntax import is_const as _is_const
from generator.c.syntax import root as _root
from generator.c.syntax import text as _text


@dataclass(frozen=True)
class Piece:
    start: int  # byte offsets in the program
    end: int
    text: str
    function: str | None  # the function it defines; None for a run of declarations
    sendable: bool = True  # False for the definition of a constant being inlined


def defines(node: Node) -> set[str]:
    """Constant names a top-level node gives a value: #define, const declaration, enum."""
    if node.type == "preproc_def":
        return {_text(node.child_by_field_name("name"))}
    out = set()
    if node.type in ("declaration", "type_definition"):
        for n in walk(node):
            if n.type == "enumerator":
                out.add(_text(n.child_by_field_name("name")))
        if node.type == "declaration" and _is_const(node):
            for d in node.children_by_field_name("declarator"):
                out.add(_text(declarator_name(d)))
    return out - {""}


def pieces(code: str, fixed: set[str] = frozenset()) -> list[Piece]:
    """The program cut at top level: one piece per function definition, consecutive other
    items together; the definition of a `fixed` name (#define, const, enum) stands alone
    and is not sendable."""
    source = code.encode("utf-8", "replace")
    out: list[Piece] = []
    run: list[Node] = []

    def close() -> None:
        if run:
            start, end = run[0].start_byte, run[-1].end_byte
            out.append(Piece(start, end, source[start:end].decode("utf-8", "replace"), None))
            run.clear()

    for node in _root(code).children:
        name = function_name(node)
        if name is None and not defines(node) & fixed:
            run.append(node)
            continue
        close()
        text = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
        out.append(Piece(node.start_byte, node.end_byte, text, name, sendable=name is not None))
    close()
    return out


def _enum(node: Node) -> bool:
    return any(n.type == "enumerator_list" for n in walk(node))


def identifiers(code: str) -> set[str]:
    """Names used in a piece of code (variables, functions, fields, types), not in strings
    or comments: `count` in "count: %d" is text, not the variable."""
    return {_text(n) for n in walk(_root(code)) if n.type in NAME_NODES}


def constant_values(code: str) -> dict[str, str]:
    """Top-level constants with their value as written (#define body, const initialiser,
    enum value or position), other constants in a value written out too."""
    values: dict[str, str] = {}
    for node in _root(code).children:
        if node.type == "preproc_def":
            value = _text(node.child_by_field_name("value")).strip()
            if value:
                values[_text(node.child_by_field_name("name"))] = value
        elif node.type == "declaration" and _is_const(node):
            for d in node.children_by_field_name("declarator"):
                init = d.child_by_field_name("value") if d.type == "init_declarator" else None
                if init is not None and init.type != "initializer_list":
                    values[_text(declarator_name(d))] = _text(init)
        for n in walk(node):
            if n.type == "enumerator_list":
                values.update(_enum_values(n))
    return {name: _expand(value, values) for name, value in values.items() if name}


def _enum_values(node: Node) -> dict[str, str]:
    out, nxt = {}, 0
    for e in node.named_children:
        if e.type != "enumerator":
            continue
        value = e.child_by_field_name("value")
        text = _text(value) if value is not None else str(nxt)
        try:
            nxt = int(text, 0) + 1
        except ValueError:
            nxt = nxt + 1
        out[_text(e.child_by_field_name("name"))] = text
    return out


def _expand(value: str, values: dict[str, str], depth: int = 0) -> str:
    """`(60 * SECONDS_PER_MINUTE)` -> `(60 * 60)`: the value must stand on its own."""
    if depth > 8:
        return value
    for name, other in values.items():
        if other != value and re.search(rf"\b{re.escape(name)}\b", value):
            value = re.sub(rf"\b{re.escape(name)}\b", _expand(other, values, depth + 1), value)
    return value


def put_back(code: str, done: dict[int, str], parts: list[Piece]) -> str:
    """`code` with each piece whose start is in `done` replaced by its new text."""
    source = code.encode("utf-8", "replace")
    out = bytearray()
    pos = 0
    for p in parts:
        if p.start in done:
            out += source[pos : p.start] + done[p.start].strip("\n").encode("utf-8", "replace")
            pos = p.end
    out += source[pos:]
    return out.decode("utf-8", "replace")


def answer_for(reply: str, piece: Piece, function: str | None) -> str | None:
    """The piece in a reply: the definition of `function` (its name after the edit), or the
    reply's one function definition, when the piece is a function; else the reply's code
    when it holds no function definition.
    Small models sometimes answer with more than was asked (the whole program)."""
    root = _root(reply)
    if piece.function is not None:
        defined = [n for n in root.children if n.type == "function_definition"]
        for node in defined:
            if function_name(node) == function:
                return _text(node)
        return _text(defined[0]) if len(defined) == 1 else None
    if any(n.type == "function_definition" for n in root.children) or root.has_error:
        return None
    return reply.strip()


def drop_unused_constants(code: str, names: set[str]) -> tuple[str, list[str]]:
    """`code` without the #define lines and const declarations of `names` that nothing uses
    any more; and the names removed. Enums stay: their type may still be used. Repeated,
    since a macro whose only use was another dropped macro's body goes too."""
    gone: list[str] = []
    while True:
        code, now = _drop_once(code, names)
        if not now:
            return code, gone
        gone += now


def _drop_once(code: str, names: set[str]) -> tuple[str, list[str]]:
    root = _root(code)
    used: set[str] = set()
    for node in root.children:
        for n in walk(node):
            if n.type in NAME_NODES and not _defines_here(node, n):
                used.add(_text(n))
            elif n.type == "preproc_arg":  # a macro body is text: `#define B (A * 2)` uses A
                used.update(re.findall(r"\w+", _text(n)))
    gone = []
    spans = []
    for node in root.children:
        if node.type not in ("preproc_def", "declaration") or _enum(node):
            continue
        mine = defines(node)
        if mine and mine <= names and not mine & used:
            gone.extend(sorted(mine))
            spans.append((node.start_byte, node.end_byte))
    return delete_spans(code, spans), gone


def _defines_here(top: Node, ident: Node) -> bool:
    """`ident` is the name being defined by the top-level node `top` (not a use of it)."""
    if top.type == "preproc_def":
        return ident == top.child_by_field_name("name")
    if top.type == "declaration":
        return any(declarator_name(d) == ident for d in top.children_by_field_name("declarator"))
    return False


def revert(code: str, renames: dict[str, str]) -> str:
    """`code` with the identifiers named as keys of `renames` spelled as its values again:
    undoes a rename of a name that another piece could not take (the new names are fresh,
    so every identifier spelled so is one the edit made)."""
    source = code.encode("utf-8", "replace")
    spots = [n for n in walk(_root(code)) if n.type in NAME_NODES and _text(n) in renames]
    out = bytearray(source)
    for n in sorted(spots, key=lambda n: n.start_byte, reverse=True):
        out[n.start_byte : n.end_byte] = renames[_text(n)].encode("utf-8", "replace")
    return out.decode("utf-8", "replace")


def _leaves(code: str) -> list[tuple[str, str]]:
    return [(n.type, _text(n)) for n in walk(_root(code)) if not n.children]


def renaming(before: str, after: str) -> dict[str, str] | None:
    """The renaming that turns `before` into `after` (names that changed only), or None
    when `after` differs in anything but names, renames one name two ways, or gives two
    names one spelling. Text in quotes, numbers and operators must stay as they were."""
    old, new = _leaves(before), _leaves(after)
    if len(old) != len(new):
        return None
    mapping: dict[str, str] = {}
    for (kind_a, a), (kind_b, b) in zip(old, new, strict=True):
        if kind_a in NAME_NODES and kind_a == kind_b:
            if mapping.setdefault(a, b) != b:
                return None
        elif (kind_a, a) != (kind_b, b):
            return None
    if len(set(mapping.values())) != len(mapping):
        return None
    return {a: b for a, b in mapping.items() if a != b}
