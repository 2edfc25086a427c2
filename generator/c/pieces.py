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
from functools import cached_property

from tree_sitter import Node

from generator.c.program import Program
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

    @cached_property
    def program(self) -> Program:
        """The piece parsed on its own, as the model sees it: once, for every request and
        check that reads its names."""
        return Program(self.text)


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


def pieces(program: Program, fixed: set[str] | frozenset[str] = frozenset()) -> list[Piece]:
    """The program cut at top level: one piece per function definition, consecutive other
    items together; the definition of a `fixed` name (#define, const, enum) stands alone
    and is not sendable."""
    source = program.code.encode("utf-8", "replace")
    out: list[Piece] = []
    run: list[Node] = []

    def close() -> None:
        if run:
            start, end = run[0].start_byte, run[-1].end_byte
            out.append(Piece(start, end, source[start:end].decode("utf-8", "replace"), None))
            run.clear()

    for node in program.root.children:
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


def identifiers(program: Program) -> set[str]:
    """Names used in a program or a piece (`Piece.program`) of one (variables, functions,
    fields, types), not in strings or comments: `count` in "count: %d" is text, not the
    variable."""
    return {_text(n) for n in walk(program.root) if n.type in NAME_NODES}


def constant_values(program: Program) -> dict[str, str]:
    """Top-level constants with their value as written (#define body, const initialiser,
    enum value or position), other constants in a value written out too."""
    values: dict[str, str] = {}
    for node in program.root.children:
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


def put_back(program: Program, done: dict[int, Program], parts: list[Piece]) -> Program:
    """`program` with each piece whose start is in `done` replaced by its new text (the
    answer, parsed when it was checked): a new program, parsed when first read."""
    source = program.code.encode("utf-8", "replace")
    out = bytearray()
    pos = 0
    for p in parts:
        if p.start in done:
            new = done[p.start].code.strip("\n").encode("utf-8", "replace")
            out += source[pos : p.start] + new
            pos = p.end
    out += source[pos:]
    return Program(out.decode("utf-8", "replace"))


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


def drop_unused_constants(program: Program, names: set[str]) -> tuple[Program, list[str]]:
    """`program` without the #define lines and const declarations of `names` that nothing
    uses any more; and the names removed. Enums stay: their type may still be used.
    Repeated, since a macro whose only use was another dropped macro's body goes too: each
    round reads the program the last one left, so each removal parses once."""
    gone: list[str] = []
    while True:
        program, now = _drop_once(program, names)
        if not now:
            return program, gone
        gone += now


def _drop_once(program: Program, names: set[str]) -> tuple[Program, list[str]]:
    root = program.root
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
    return (Program(delete_spans(program.code, spans)) if spans else program), gone


def _defines_here(top: Node, ident: Node) -> bool:
    """`ident` is the name being defined by the top-level node `top` (not a use of it)."""
    if top.type == "preproc_def":
        return ident == top.child_by_field_name("name")
    if top.type == "declaration":
        return any(declarator_name(d) == ident for d in top.children_by_field_name("declarator"))
    return False


def revert(program: Program, renames: dict[str, str]) -> Program:
    """`program` (a piece's answer) with the identifiers named as keys of `renames`
    spelled as its values again: undoes a rename of a name that another piece could not
    take (the new names are fresh, so every identifier spelled so is one the edit made)."""
    source = program.code.encode("utf-8", "replace")
    spots = [n for n in walk(program.root) if n.type in NAME_NODES and _text(n) in renames]
    out = bytearray(source)
    for n in sorted(spots, key=lambda n: n.start_byte, reverse=True):
        out[n.start_byte : n.end_byte] = renames[_text(n)].encode("utf-8", "replace")
    return Program(out.decode("utf-8", "replace")) if spots else program


def _leaves(program: Program) -> list[tuple[str, str]]:
    return [(n.type, _text(n)) for n in walk(program.root) if not n.children]


def renaming(before: Program, after: Program) -> dict[str, str] | None:
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
