"""DRY copies made inside one function, where students copy code they could have written
once: the statements after an `if` copied into each of its branches (`duplicate_tail`), a
loop's first pass written out before it (`peel_loop`), and `if (a || b) X` written as one
case per alternative, each with its own copy of `X` (`split_condition`).

Each candidate here is only a place the copy could go; `dry.procedural` offers it when the
evidence check confirms the result as DRY and as nothing else. Every copy is exactly
behaviour-preserving: what may not be copied (a jump whose target the copy would change, a
label, a `case`, a `static` local, a name the new block would capture, a condition with a
side effect evaluated once more) rules a place out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from generator.c.program import Program
from generator.c.syntax import declarator_name, replace_spans, text, walk
from generator.principles.base import Edit

LOOPS = ("for_statement", "while_statement", "do_statement")
STEP = "    "
MIN_COPY_TOKENS = 12  # shorter copies cannot make a clone window the DRY check counts
# Calls a loop condition may make and still be evaluated once more without effect.
PURE_CALLS = frozenset(
    {
        *("strlen", "strcmp", "strncmp", "strchr", "abs", "labs", "fabs", "sqrt"),
        *("toupper", "tolower", "isdigit", "isalpha", "isalnum", "isspace", "isupper"),
        *("islower", "ispunct", "isxdigit"),
    }
)
SIDE_EFFECTS = ("assignment_expression", "update_expression")


def _tokens(node: Node) -> int:
    return sum(1 for n in walk(node) if not n.children)


def _indent(code: bytes, node: Node) -> str:
    """The whitespace before `node` on its line, or "" when code stands there too."""
    bol = code.rfind(b"\n", 0, node.start_byte) + 1
    lead = code[bol : node.start_byte]
    return lead.decode("utf-8", "replace") if not lead.strip() else ""


def _line_indent(code: bytes, at: int) -> str:
    """The leading whitespace of the line holding byte `at`."""
    bol = code.rfind(b"\n", 0, at) + 1
    line = code[bol:at].decode("utf-8", "replace")
    return line[: len(line) - len(line.lstrip())]


def _rebase(piece: str, old: str, new: str) -> str:
    """`piece` with its later lines moved from indentation `old` to `new`."""
    return piece.replace("\n" + old, "\n" + new) if old != new else piece


def _deeper(piece: str, indent: str) -> str:
    """`piece` (first line unindented, later lines at `indent`) one step deeper."""
    return _rebase(piece, indent, indent + STEP)


def _block(pieces: list[str], indent: str) -> str:
    inner = "".join(f"\n{indent}{STEP}{_deeper(p, indent)}" for p in pieces)
    return "{" + inner + f"\n{indent}}}"


def _copyable(node: Node) -> bool:
    """Text that may stand twice in one function: no label (defined twice), no `case`
    (a second entry point), no `static` local (two copies would be two variables)."""
    for n in walk(node):
        if n.type in ("labeled_statement", "case_statement") or n.type.startswith("preproc"):
            return False
        if n.type == "storage_class_specifier" and text(n) == "static":
            return False
    return True


def _escapes(node: Node, kinds: tuple[str, ...]) -> bool:
    """A `kinds` jump under `node` whose target lies outside it: `break` out of no loop or
    switch of its own, `continue` out of no loop of its own, any `return` or `goto`."""
    stack = [(node, False, False)]
    while stack:
        n, in_loop, in_switch = stack.pop()
        if n.type in kinds:
            if n.type == "break_statement" and not (in_loop or in_switch):
                return True
            if n.type == "continue_statement" and not in_loop:
                return True
            if n.type in ("return_statement", "goto_statement"):
                return True
        loop = in_loop or (n is not node and n.type in LOOPS)
        switch = in_switch or (n is not node and n.type == "switch_statement")
        stack.extend((c, loop, switch) for c in n.children)
    return False


def _declared(node: Node) -> set[str]:
    """Names a block declares at its own level (what a statement put inside it would see)."""
    out: set[str] = set()
    for child in node.children if node.type == "compound_statement" else []:
        if child.type == "declaration":
            for d in child.children_by_field_name("declarator"):
                out.add(text(declarator_name(d)))
    return out


def _names(nodes: list[Node]) -> set[str]:
    return {text(n) for node in nodes for n in walk(node) if n.type == "identifier"}


def _statements(block: Node) -> list[Node]:
    return [c for c in block.named_children if c.type != "comment"]


@dataclass(frozen=True)
class Tail:
    """An `if` (with its `else if` chain) and the statements after it to copy into it."""

    branch: Node
    run: tuple[Node, ...]


def _chain(node: Node) -> tuple[list[tuple[Node, Node]], bool]:
    """The branches of an if / else-if chain as (where the branch's text starts, the branch
    statement), and whether the chain ends in a plain `else`."""
    out: list[tuple[Node, Node]] = []
    while True:
        cond, then = node.child_by_field_name("condition"), node.child_by_field_name("consequence")
        out.append((cond, then))  # type: ignore[arg-type]
        alt = node.child_by_field_name("alternative")
        if alt is None:
            return out, False
        body = alt.named_children[-1]
        if body.type != "if_statement":
            out.append((alt.children[0], body))  # after the `else` keyword
            return out, True
        node = body


def tails(program_root: Node) -> Iterator[Tail]:
    """Every `if` in a block followed by statements that can be copied into all its
    branches: the whole rest of the block, and each shorter run declaring nothing that the
    statements after it use."""
    for node in walk(program_root):
        if node.type != "if_statement" or node.parent is None:
            continue
        block = node.parent
        if block.type != "compound_statement" or block.parent is None:
            continue
        if block.parent.type == "switch_statement":
            continue
        branches, _ = _chain(node)
        arms = [b for _, b in branches]
        if any(
            _escapes(
                a, ("break_statement", "continue_statement", "return_statement", "goto_statement")
            )
            for a in arms
        ):
            continue
        after = _statements(block)
        rest = after[after.index(node) + 1 :] if node in after else []
        for k in range(len(rest), 0, -1):
            run, later = rest[:k], rest[k:]
            if not all(_copyable(s) for s in run) or sum(map(_tokens, run)) < MIN_COPY_TOKENS:
                continue
            if later and _run_declares(run) & _names(later):
                continue
            if any(_declared(a) & _names(run) for a in arms):
                continue  # a name of the copy would mean the branch's own variable
            yield Tail(node, tuple(run))


def _run_declares(run: list[Node]) -> set[str]:
    out: set[str] = set()
    for s in run:
        if s.type == "declaration":
            out |= {text(declarator_name(d)) for d in s.children_by_field_name("declarator")}
    return out


def duplicate_tail(code: str, tail: Tail) -> Edit:
    """`if (c) A else B; S` as `if (c) { A S } else { B S }`, over the whole else-if chain;
    a chain without a final `else` gets one holding only `S`."""
    raw = code.encode("utf-8", "replace")
    indent = _indent(raw, tail.branch)
    first, last = tail.run[0], tail.run[-1]
    copied = raw[first.start_byte : last.end_byte].decode("utf-8", "replace")
    branches, closed = _chain(tail.branch)
    edits = [_into(raw, head, arm, copied, indent) for head, arm in branches]
    ending = "" if closed else " else " + _block([copied], indent)
    edits.append((tail.branch.end_byte, last.end_byte, ending))
    details = {"statements": len(tail.run), "branches": len(branches) + (not closed)}
    return Edit(Program(replace_spans(code, edits)), "duplicate_tail", details)


def _into(raw: bytes, head: Node, arm: Node, copied: str, indent: str) -> tuple[int, int, str]:
    """The edit putting `copied` at the end of branch `arm` (braced if it was not)."""
    if arm.type == "compound_statement":
        last = arm.named_children[-1] if arm.named_children else arm.children[0]
        at = last.end_byte
        return (at, at, f"\n{indent}{STEP}{_deeper(copied, indent)}")
    own = raw[arm.start_byte : arm.end_byte].decode("utf-8", "replace")
    own = _rebase(own, _indent(raw, arm) or indent + STEP, indent)
    return (head.end_byte, arm.end_byte, " " + _block([own, copied], indent))


@dataclass(frozen=True)
class Loop:
    node: Node


def _pure(node: Node | None) -> bool:
    if node is None:
        return False
    for n in walk(node):
        if n.type in SIDE_EFFECTS:
            return False
        if (
            n.type == "call_expression"
            and text(n.child_by_field_name("function")) not in PURE_CALLS
        ):
            return False
    return True


def loops(program_root: Node) -> Iterator[Loop]:
    """Loops whose first pass can be written out before them: a body long enough, that
    neither breaks out of nor continues this loop, and (but for `do`) a condition that can be
    evaluated once more without effect."""
    for node in walk(program_root):
        if node.type not in LOOPS:
            continue
        body = node.child_by_field_name("body")
        if body is None or _tokens(body) < MIN_COPY_TOKENS or not _copyable(body):
            continue
        if _escapes(body, ("break_statement", "continue_statement")):
            continue
        if node.type != "do_statement" and not _pure(node.child_by_field_name("condition")):
            continue
        yield Loop(node)


def peel_loop(code: str, loop: Loop) -> Edit:
    """The loop's first pass before it: `while (c) B` as `if (c) B while (c) B`; `for (i; c;
    s) B` as `i; if (c) { B s; } for (; c; s) B`; `do B while (c);` as `B while (c) B`. In a
    block of its own when a bare loop body was the loop, or the `for`'s declaration, moved
    before it, would meet another use of its name."""
    raw = code.encode("utf-8", "replace")
    node = loop.node
    indent = _indent(raw, node)
    body = node.child_by_field_name("body")
    cond = node.child_by_field_name("condition")
    assert body is not None and cond is not None
    own = text(body)
    if node.type == "do_statement":
        lines = [_unbraced(raw, body, indent), f"while {text(cond)} {own}"]
    elif node.type == "while_statement":
        lines = [f"if {text(cond)} {own}", text(node)]
    else:
        lines = _peel_for(node, body, cond, indent)
    code = replace_spans(code, [_place(raw, node, lines, indent)])
    return Edit(Program(code), "peel_loop", {"loop": node.type.removesuffix("_statement")})


BODY_OF = ("if_statement", "else_clause", "for_statement", "while_statement", "do_statement")


def _place(raw: bytes, node: Node, lines: list[str], indent: str) -> tuple[int, int, str]:
    """The edit writing `lines` (later lines at `indent`) where `node` stood: as they are
    in a block, braced where `node` was the bare body of an `if`, `else` or loop (opening
    brace on that line), or where a name the `for` declares must not leak out."""
    parent, prev = node.parent, node.prev_sibling
    if parent is not None and parent.type == "compound_statement" and not _hoist_collides(node):
        return (node.start_byte, node.end_byte, f"\n{indent}".join(lines))
    if parent is not None and parent.type in BODY_OF and prev is not None:
        outer = _line_indent(raw, prev.end_byte)
        pieces = [_rebase(line, indent, outer) for line in lines]
        return (prev.end_byte, node.end_byte, " " + _block(pieces, outer))
    return (node.start_byte, node.end_byte, _block(lines, indent))


def _unbraced(raw: bytes, body: Node, indent: str) -> str:
    """The first pass of a `do` body: its statements as they are, the way a student writes
    them once before the loop, or the block itself when it declares a name (which must stay
    in its block) or holds nothing but comments."""
    inner = body.named_children
    if body.type != "compound_statement" or _declared(body) or not _statements(body):
        return text(body)
    piece = raw[inner[0].start_byte : inner[-1].end_byte].decode("utf-8", "replace")
    return _rebase(piece, indent + STEP, indent)


def _peel_for(node: Node, body: Node, cond: Node, indent: str) -> list[str]:
    init = node.child_by_field_name("initializer")
    step = node.child_by_field_name("update")
    steps = [] if step is None else [f"{text(step)};"]
    if body.type == "compound_statement":
        first = text(body) if not steps else _append(text(body), steps[0], indent)
    else:
        own = _rebase(text(body), indent + STEP, indent)
        first = _block([own, *steps], indent)
    lines = [f"if ({text(cond)}) {first}", f"for (; {text(cond)}; {text(step)}) {text(body)}"]
    if init is not None:
        lines.insert(0, text(init).rstrip(";") + ";")
    return lines


def _append(block_text: str, line: str, indent: str) -> str:
    """`{ ... }` (its closing brace at `indent`) with `line` as its last statement."""
    close = block_text.rstrip().rfind("}")
    body = block_text[:close].rstrip()
    return f"{body}\n{indent}{STEP}{line}\n{indent}}}"


def _for_declares(node: Node) -> set[str]:
    """The names a `for` declares in its initializer."""
    init = node.child_by_field_name("initializer") if node.type == "for_statement" else None
    if init is None or init.type != "declaration":
        return set()
    return {text(declarator_name(d)) for d in init.children_by_field_name("declarator")}


def _hoist_collides(node: Node) -> bool:
    """The names a `for` declares, declared before it instead, would meet another use of
    the name in the enclosing block (a redeclaration, or a use meaning something else)
    that is not inside a `for` declaring that name for itself."""
    names = _for_declares(node)
    block = node.parent
    if not names or block is None:
        return False
    for n in walk(block):
        if node.start_byte <= n.start_byte < node.end_byte:
            continue
        if n.type == "identifier" and text(n) in names and not _own_loop_name(n):
            return True
    return False


def _own_loop_name(n: Node) -> bool:
    """`n` lies in a `for` that declares its name in its initializer."""
    up = n.parent
    while up is not None:
        if text(n) in _for_declares(up):
            return True
        up = up.parent
    return False


def _disjuncts(node: Node) -> list[Node]:
    """`a || b || c` as [a, b, c] (a parenthesized `||` inside stays one operand)."""
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "||":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        assert left is not None and right is not None
        return _disjuncts(left) + _disjuncts(right)
    return [node]


def either_ifs(program_root: Node) -> Iterator[Node]:
    """`if (a || b) X` whose branch `X` is long enough to count as a clone written out once
    per alternative, and may stand twice."""
    for node in walk(program_root):
        if node.type != "if_statement":
            continue
        cond, then = node.child_by_field_name("condition"), node.child_by_field_name("consequence")
        if cond is None or then is None or not cond.named_children:
            continue
        if len(_disjuncts(cond.named_children[0])) < 2:
            continue
        if _tokens(then) >= MIN_COPY_TOKENS and _copyable(then):
            yield node


def split_condition(code: str, node: Node) -> Edit:
    """`if (a || b) X` as `if (a) X else if (b) X`: the same branch written once per case,
    as students write `if (c == 'a') {...} else if (c == 'e') {...}`. The alternatives are
    tried in the same order and each stops at the first that holds, as `||` does."""
    raw = code.encode("utf-8", "replace")
    cond, then = node.child_by_field_name("condition"), node.child_by_field_name("consequence")
    assert cond is not None and then is not None
    indent = _line_indent(raw, node.start_byte)
    if then.type == "compound_statement":
        branch = text(then)
    else:
        branch = _block([_rebase(text(then), _indent(raw, then) or indent + STEP, indent)], indent)
    parts = _disjuncts(cond.named_children[0])
    new = " else ".join(f"if ({text(p)}) {branch}" for p in parts)
    code = replace_spans(code, [(node.start_byte, then.end_byte, new)])
    return Edit(Program(code), "split_condition", {"cases": len(parts)})
