"""Marks an edit leaves that no student leaves: a detector trained on them learns the editor,
not the principle (`benchmarks/fingerprints.py` finds them). A procedural edit that leaves
one is passed over for another seed's edit.

- a bare block (`{ double num1 = 0.0; ... }` as a statement of its own) that was not in the
  parent: a pasted helper kept in a scope of its own so its locals compile;
- a function whose body is another's, token for token up to names: a whole function
  copied with a parameter renamed.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from generator.c.program import Program
from generator.c.syntax import text, walk

TOKEN = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|\S")
_KEYWORDS = """
if else for while do return break continue switch case default int char double float long
short unsigned signed void const static struct sizeof
"""
KEYWORDS = frozenset(_KEYWORDS.split())


def mark(parent: Program, variant: Program) -> str | None:
    """The mark `variant` leaves that `parent` did not have, or None."""
    if _bare_blocks(variant.root) > _bare_blocks(parent.root):
        return "a bare block of its own (a pasted body kept apart so its names compile)"
    if (copies := _copied_bodies(variant)) > _copied_bodies(parent):
        return f"{copies} function bodies that are another's up to names (a whole copy)"
    return None


def _bare_blocks(root: Node) -> int:
    return sum(
        1
        for n in walk(root)
        if n.type == "compound_statement" and n.parent.type == "compound_statement"
    )


def _shape(body: Node) -> tuple[str, ...]:
    return tuple(
        "ID" if t[0].isalpha() and t not in KEYWORDS else t for t in TOKEN.findall(text(body))
    )


def _copied_bodies(program: Program) -> int:
    shapes = []
    for node in program.functions.values():
        body = node.child_by_field_name("body")
        if body is not None and body.named_child_count >= 2:
            shapes.append(_shape(body))
    return len(shapes) - len(set(shapes))
