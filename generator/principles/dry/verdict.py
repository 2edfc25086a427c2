"""DRY on one program: how much of its logic is written out twice.

Read on the abstracted token stream (names and numbers are one token, output text keeps its
words), as the DRY evidence reads it, with two differences that make it a reviewer's reading
rather than a diff's:
- the name of a called function stays (`scanf`, `putchar`, the program's own helpers), so a
  loop that reads and one that prints are no copies of each other;
- only logic counts: a run is found on the whole stream, but the tokens it covers count only
  inside function bodies, outside declarations, `for (...)` headers and braces. Every helper that
  walks an array opens the same way (`void f(int v[], int n) { int i; for (i = 0; ...`); a
  reviewer does not call that repetition.
Flagged from `FLAGGED` such tokens on, when they are at least `SHARE` of the program's logic:
a block of three or four statements pasted once, or a short one pasted three times. Let pass:
short idioms (`i++`, one `printf` per line), two loops that merely look alike, and in a long
program the look-alike statements any program of that length has. Why these choices, and what
they changed on labelled real programs: docs/decisions.md, "Verdicts".
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from generator.c.program import Program
from generator.c.syntax import text
from generator.principles import Principle
from generator.principles.dry.evidence import covered
from generator.principles.verdict import Verdict

WINDOW = 13  # tokens: the evidence's 17 less the loop header's share it no longer counts
FLAGGED = 50  # repeated logic tokens
SHARE = 0.2  # of the program's logic tokens
OPERANDS = frozenset(["identifier", "field_identifier", "type_identifier", "number_literal"])
NOT_LOGIC = frozenset(["declaration", "parameter_list", "function_declarator"])
FOR_HEADER = frozenset(["initializer", "condition", "update"])


def _leaves(root: Node) -> Iterator[tuple[Node, bool, bool]]:
    """Each token in order: (leaf, whether it is logic, whether it names a called function)."""
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, logic = stack.pop()
        if node.type == "comment" or node.type.startswith("preproc"):
            continue
        if node.child_count == 0 or node.type in ("string_literal", "char_literal"):
            called = node.parent is not None and node.parent.type == "call_expression"
            yield node, logic and node.type not in ("{", "}"), called
            continue
        inside = logic and node.type not in NOT_LOGIC
        children = []
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if node.type == "function_definition":
                children.append((child, field == "body"))  # logic starts in a body
                continue
            header = node.type == "for_statement" and (
                field in FOR_HEADER or child.type in ("for", "(", ")", ";")
            )
            children.append((child, inside and not header))
        stack.extend(reversed(children))


def _token(leaf: Node, called: bool) -> str:
    if leaf.type in OPERANDS:
        return text(leaf) if called else "V"
    if leaf.type == "string_literal" or leaf.type == "primitive_type":
        return text(leaf)
    return leaf.type if not leaf.is_named else "V"


def repeated_logic(program: Program) -> tuple[int, int]:
    """(logic tokens inside runs written out twice or more, all logic tokens)."""
    leaves = list(_leaves(program.tree.root_node))
    marks = covered([_token(leaf, called) for leaf, _, called in leaves], WINDOW)
    logic = [is_logic for _, is_logic, _ in leaves]
    return sum(1 for m, is_logic in zip(marks, logic, strict=True) if m and is_logic), sum(logic)


def verdict(program: Program) -> Verdict:
    repeated, logic = repeated_logic(program)
    share = repeated / logic if logic else 0.0
    reasons = []
    if repeated:
        reasons.append(f"{repeated} tokens of logic ({share:.0%}) are written out twice or more")
    return Verdict(Principle.DRY, min(repeated / FLAGGED, share / SHARE), reasons)
