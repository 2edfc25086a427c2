"""C syntax in one place: one tree-sitter parser and the small helpers every edit and check
shares (walk a tree, a node's text, the name a declarator declares, top-level function
spans, byte-span replacement) instead of each writing its own. The parsed program itself is
`generator/c/program.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import tree_sitter_c
from tree_sitter import Language, Node, Parser, Tree

PARSER = Parser(Language(tree_sitter_c.language()))
# A comment, a string or a character constant: text where a name is no name.
COMMENTS_STRINGS = re.compile(
    r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.DOTALL
)

NAME_NODES = frozenset(["identifier", "field_identifier", "type_identifier"])


@lru_cache(maxsize=256)
def parse(code: str) -> Tree:
    """The syntax tree of `code`. Cached: callers must not edit the tree.

    Every parse in the library goes through this name, looked up at call time (`Program`,
    `root`, `facts.analyse`), so a test can swap in a counting, uncached parser and show
    that nothing relies on the cache (tests/c/test_parse_once.py)."""
    return PARSER.parse(code.encode("utf-8", "replace"))


def walk(node: Node) -> Iterator[Node]:
    """Every node under `node`, in source order (iterative: deep trees are fine)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def root(code: str) -> Node:
    """The root node of a snippet: one line, a reply, a body pasted on its own. A whole
    program is a `Program`, parsed once and handed along."""
    return parse(code).root_node


def text(node: Node | None) -> str:
    return (node.text or b"").decode("utf-8", "replace") if node is not None else ""


def declarator_name(node: Node | None) -> Node | None:
    """Follow `declarator` fields (pointer, array, function, init) down to the name."""
    while node is not None and node.type not in NAME_NODES:
        node = node.child_by_field_name("declarator")
    return node


def calls(node: Node, name: str) -> list[Node]:
    """The call expressions of `name` under `node`."""
    return [
        n
        for n in walk(node)
        if n.type == "call_expression" and text(n.child_by_field_name("function")) == name
    ]


def declared_names(node: Node, top_only: bool = False, functions: bool = True) -> set[str]:
    """The names the declarations and parameters under `node` declare (only its own
    statements with `top_only`; without `functions`, not prototypes or function pointers)."""
    nodes = node.named_children if top_only else list(walk(node))
    names = set()
    for n in nodes:
        if n.type not in ("declaration", "parameter_declaration"):
            continue
        for d in n.children_by_field_name("declarator"):
            if not functions and any(k.type == "function_declarator" for k in walk(d)):
                continue
            if name := text(declarator_name(d)):
                names.add(name)
    return names


def fresh(name: str, taken: set[str] | frozenset[str]) -> str:
    """`name`, or `name_2`, `name_3`... the first not in `taken`."""
    if name not in taken:
        return name
    return next(f"{name}_{k}" for k in range(2, 100) if f"{name}_{k}" not in taken)


def delete_spans(code: str, spans: Iterable[tuple[int, int]]) -> str:
    """`code` without the byte spans, each with the newlines that follow it."""
    out = bytearray(code.encode("utf-8", "replace"))
    for start, end in sorted(spans, reverse=True):
        while end < len(out) and out[end : end + 1] == b"\n":
            end += 1
        del out[start:end]
    return out.decode("utf-8", "replace")


def function_name(node: Node) -> str | None:
    if node.type != "function_definition":
        return None
    return text(declarator_name(node.child_by_field_name("declarator"))) or None


def is_const(decl: Node) -> bool:
    return any(c.type == "type_qualifier" and text(c) == "const" for c in decl.children)


def replace_spans(code: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """`code` with each (start, end) byte span replaced by its text; spans must not overlap."""
    out = bytearray(code.encode("utf-8", "replace"))
    for start, end, new in sorted(edits, reverse=True):
        out[start:end] = new.encode("utf-8", "replace")
    return out.decode("utf-8", "replace")


def whole_lines(code: str, start: int, end: int) -> tuple[int, int]:
    """The byte span to delete for (start, end): the whole line when nothing else stands on
    it, and a blank line after it when one is before it too (no two blank lines left)."""
    raw = code.encode("utf-8", "replace")
    bol = raw.rfind(b"\n", 0, start) + 1
    eol = raw.find(b"\n", end)
    eol = len(raw) if eol < 0 else eol
    if raw[bol:start].strip() or raw[end:eol].strip():
        return start, end
    start, end = bol, min(eol + 1, len(raw))
    after = raw.find(b"\n", end)
    blank_before = bol >= 2 and raw[bol - 2 : bol] == b"\n\n"
    if blank_before and after >= 0 and not raw[end:after].strip():
        end = after + 1
    return start, end


def delete_lines(code: str, spans: Iterable[tuple[int, int]]) -> str:
    """`code` without the byte spans; a line left holding only blanks goes with its newline,
    so a removed declaration leaves no empty line behind."""
    return replace_spans(code, [(*whole_lines(code, a, b), "") for a, b in spans])


def prototypes(root: Node, name: str) -> list[Node]:
    """Top-level declarations of function `name` without a body."""
    out = []
    for node in root.children:
        if node.type != "declaration":
            continue
        for d in node.children_by_field_name("declarator"):
            while d is not None and d.type == "pointer_declarator":
                d = d.child_by_field_name("declarator")
            found = d is not None and d.type == "function_declarator"
            if found and text(d.child_by_field_name("declarator")) == name:  # type: ignore[union-attr]
                out.append(node)
    return out
