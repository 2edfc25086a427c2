"""MC's other procedural edits, the other ways a value loses its name: an enum member, a
local set once to a number, a constant expression folded, an array length written out.
Each returns the edits it offers, each checked by the MC evidence."""

from __future__ import annotations

import re
from collections import Counter

from tree_sitter import Node

from generator.c.facts import IO_CALLS, assigned_names
from generator.c.literals import is_magic, literal_key
from generator.c.program import Program
from generator.c.syntax import (
    declarator_name,
    delete_lines,
    function_name,
    is_const,
    replace_spans,
    text,
    walk,
)
from generator.principles.base import Edit
from generator.principles.mc.edits import defining, inline, values
from generator.principles.mc.evidence import check_mc

TRANSFORMS = ("inline_constants", "inline_enum", "inline_local", "fold_constant", "literal_length")
INT_MAX = 2**31 - 1
DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)$")
FLOAT = re.compile(r"^-?([0-9]+\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$|^-?[0-9]+[eE][+-]?[0-9]+$")
WORD = re.compile(r"[A-Za-z_]\w*")
LENGTH = re.compile(
    r"^sizeof\s*\(?\s*(\w+)\s*\)?\s*/\s*sizeof\s*\(?\s*(?:(\w+)\s*\[\s*0\s*\]|\*\s*(\w+))\s*\)?$"
)


def _magic(value: int | str) -> bool:
    """A number the MC check counts as unnamed (0, 1, -1 and 2 it ignores)."""
    key = literal_key("number_literal", str(value))
    return bool(key) and is_magic("number", key, False)


def _number(value: int) -> str:
    return str(value) if value >= 0 else f"({value})"


def _confirmed(program: Program, variant: Program) -> bool:
    return variant.code != program.code and check_mc(program.facts, variant.facts).confirmed


def _uses(program: Program, name: str, within: Node | None = None) -> list[Node]:
    inside = within or program.root
    return [
        n
        for n in program.identifiers({name})
        if not defining(n) and inside.start_byte <= n.start_byte < inside.end_byte
    ]


def _declared_names(node: Node) -> Counter[str]:
    """How often each name is declared (variables, parameters) under `node`."""
    out: Counter[str] = Counter()
    for n in walk(node):
        if n.type in ("declaration", "parameter_declaration", "field_declaration"):
            for d in n.children_by_field_name("declarator"):
                if (ident := declarator_name(d)) is not None:
                    out[text(ident)] += 1
    return out


def _enum_members(node: Node) -> dict[str, int] | None:
    """An enumerator list's members with their values; None when one is not a number."""
    out: dict[str, int] = {}
    nxt = 0
    for e in node.named_children:
        if e.type != "enumerator":
            continue
        value = e.child_by_field_name("value")
        if value is not None:
            written = text(value).replace(" ", "")
            if not DECIMAL.match(written):
                return None
            nxt = int(written)
        out[text(e.child_by_field_name("name"))] = nxt
        nxt += 1
    return out


def _top_enums(program: Program) -> list[tuple[Node, dict[str, int]]]:
    out = []
    for top in program.root.children:
        if top.type not in ("declaration", "type_definition", "enum_specifier"):
            continue
        for n in walk(top):
            if n.type == "enumerator_list" and (members := _enum_members(n)) is not None:
                out.append((top, members))
    return out


def enum_edits(program: Program) -> list[Edit]:
    """Each enum whose members are written as their numbers where used (one at least a
    value the check counts), the enum removed when nothing names it any more."""
    declared = _declared_names(program.root)
    out = []
    for top, members in _top_enums(program):
        if set(members) & (program.macro_words | set(declared)):
            continue  # a macro body spells it, or a variable shadows it: not edited here
        used = {m: v for m, v in members.items() if _uses(program, m)}
        if not any(_magic(v) for v in used.values()):
            continue
        spans = [
            (n.start_byte, n.end_byte, _number(used[m])) for m in used for n in _uses(program, m)
        ]
        variant = _drop_enum(Program(replace_spans(program.code, spans)), set(members))
        if _confirmed(program, variant):
            tag = _enum_tag(top) or next(iter(members))
            inlined = {m: str(v) for m, v in used.items()}
            out.append(Edit(variant, "inline_enum", {"enum": tag, "inlined": inlined}))
    return out


def _enum_tag(top: Node) -> str:
    for n in walk(top):
        if n.type == "enum_specifier" and (name := n.child_by_field_name("name")) is not None:
            return text(name)
    return ""


def _drop_enum(program: Program, members: set[str]) -> Program:
    """`program` without the top-level enum of `members` when no word outside it names the
    enum, its tag or a typedef of it (a variable of the enum type keeps it)."""
    code = program.code
    for top, found in _top_enums(program):
        if set(found) != members:
            continue
        end = top.end_byte
        after = top.next_sibling
        if top.type == "enum_specifier" and after is not None and after.type == ";":
            end = after.end_byte
        elif top.type == "enum_specifier":
            return program
        raw = code.encode("utf-8", "replace")
        outside = (raw[: top.start_byte] + raw[end:]).decode("utf-8", "replace")
        names = set(WORD.findall(text(top))) - {"enum", "typedef"}
        if names & set(WORD.findall(outside)):
            return program
        return Program(delete_lines(code, [(top.start_byte, end)]))
    return program


def local_edits(program: Program) -> list[Edit]:
    """Each local `int`/`double` initialised with a number the check counts and never
    assigned (`int limit = 30;`), written as that number at its uses, its declaration
    removed."""
    out = []
    for fname, func in program.functions.items():
        declared = _declared_names(func)
        assigned = assigned_names(func)
        for node in walk(func):
            found = _literal_local(node)
            if found is None:
                continue
            name, literal = found
            if declared[name] != 1 or name in assigned or name in program.macro_words:
                continue
            uses = [n for n in _uses(program, name, node.parent) if n.start_byte > node.end_byte]
            if not uses or not _magic(literal):
                continue
            written = literal if not literal.startswith("-") else f"({literal})"
            spans = [(n.start_byte, n.end_byte, written) for n in uses]
            code = delete_lines(
                replace_spans(program.code, spans), [(node.start_byte, node.end_byte)]
            )
            if _confirmed(program, variant := Program(code)):
                details = {"function": fname, "inlined": {name: literal}}
                out.append(Edit(variant, "inline_local", details, [f"removed the local {name}"]))
    return out


def _literal_local(node: Node) -> tuple[str, str] | None:
    """`int limit = 30;` / `const double rate = 0.25;` in a block: (name, literal as its
    type writes it). Only int and double: an `int` literal in a `long` expression, or a
    double one where a `float` was, would compute something else."""
    if node.type != "declaration" or node.parent is None:
        return None
    if node.parent.type != "compound_statement":
        return None
    if any(c.type == "storage_class_specifier" for c in node.children):
        return None
    decls = node.children_by_field_name("declarator")
    if len(decls) != 1 or decls[0].type != "init_declarator":
        return None
    name, value = decls[0].child_by_field_name("declarator"), decls[0].child_by_field_name("value")
    if name is None or name.type != "identifier" or value is None:
        return None
    kind, literal = text(node.child_by_field_name("type")), text(value).replace(" ", "")
    if value.type not in ("number_literal", "unary_expression"):
        return None
    if kind == "int" and DECIMAL.match(literal) and abs(int(literal)) <= INT_MAX:
        return text(name), literal
    if kind == "double" and FLOAT.match(literal):
        return text(name), literal
    if kind == "double" and DECIMAL.match(literal):
        return text(name), literal + ".0"
    return None


def fold_edits(program: Program) -> list[Edit]:
    """Each top-level constant defined by an integer expression of numbers and other
    constants (`#define SECONDS_PER_DAY (24 * 60 * 60)`), written as its value (86400) where
    used, as a student who did the sum by hand would have. Only expressions whose every
    step fits in an int, so the number has the type and value the expression had."""
    from generator.c.pieces import constant_values, drop_unused_constants

    written = constant_values(program)
    out = []
    for name, source in _expression_constants(program).items():
        if name in program.macro_words or not _uses(program, name):
            continue
        value = _fold(written.get(name, ""))
        if value is None or not _magic(value):
            continue
        variant = inline(program, {name: _number(value)})
        # the constants the expression named may now be unused too
        variant, _ = drop_unused_constants(variant, set(WORD.findall(source)))
        if _confirmed(program, variant):
            details = {"inlined": {name: str(value)}, "folded": source}
            out.append(Edit(variant, "fold_constant", details, [f"removed {name}: folded"]))
    return out


def _expression_constants(program: Program) -> dict[str, str]:
    """#define and `const int` constants at top level whose value is an expression, as
    written."""
    out = {}
    for node in program.root.children:
        if node.type == "preproc_def" and (value := node.child_by_field_name("value")):
            out[text(node.child_by_field_name("name"))] = text(value).strip()
        elif node.type == "declaration" and is_const(node):
            if text(node.child_by_field_name("type")) != "int":
                continue
            for d in node.children_by_field_name("declarator"):
                value = d.child_by_field_name("value") if d.type == "init_declarator" else None
                if value is not None and value.type in (
                    "binary_expression",
                    "parenthesized_expression",
                ):
                    out[text(declarator_name(d))] = text(value)
    # an operator after an operand: `(24 * 60)`, not `-5`
    return {n: v for n, v in out.items() if re.search(r"[\w)]\s*[-+*/%<>]", v)}


def _fold(expression: str) -> int | None:
    """The value of an integer C expression of decimal numbers, or None when it is not one
    or a step leaves the int range (then the C expression would not be an int either)."""
    if not expression or not re.fullmatch(r"[\d\s()+\-*/%<>]+", expression):
        return None
    tree = Program(f"int x = {expression};")
    if tree.root.has_error:
        return None
    value = tree.root.children[0].child_by_field_name("declarator").child_by_field_name("value")
    try:
        return _evaluate(value)
    except (ArithmeticError, ValueError):
        return None


def _evaluate(node: Node | None) -> int:
    if node is None:
        raise ValueError("missing operand")
    if node.type == "number_literal":
        if not DECIMAL.match(text(node)):
            raise ValueError(text(node))
        return _int(int(text(node)))
    if node.type == "parenthesized_expression":
        return _evaluate(node.named_children[0])
    op = text(node.child_by_field_name("operator"))
    if node.type == "unary_expression" and op in ("-", "+"):
        operand = _evaluate(node.child_by_field_name("argument"))
        return _int(-operand if op == "-" else operand)
    if node.type != "binary_expression":
        raise ValueError(node.type)
    a = _evaluate(node.child_by_field_name("left"))
    b = _evaluate(node.child_by_field_name("right"))
    return _int(_binary(op, a, b))


def _binary(op: str, a: int, b: int) -> int:
    """`a op b` as C computes it on ints."""
    if op in ("/", "%"):
        if b == 0:
            raise ZeroDivisionError
        quotient = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)  # C truncates
        return quotient if op == "/" else a - quotient * b
    if op in ("<<", ">>") and not (a >= 0 and 0 <= b < 31):
        raise ValueError("shift")
    ops = {"+": a + b, "-": a - b, "*": a * b}
    if op in ops:
        return ops[op]
    if op in ("<<", ">>"):
        return a << b if op == "<<" else a >> b
    raise ValueError(op)


def _int(value: int) -> int:
    if not -INT_MAX - 1 <= value <= INT_MAX:
        raise OverflowError(value)
    return value


def length_edits(program: Program) -> list[Edit]:
    """Array lengths written as numbers: `sizeof(a) / sizeof(a[0])` as the count of `a`, or
    a constant used as an array's size written out at every use."""
    out = []
    lengths = _array_lengths(program)
    for node in walk(program.root):
        if node.type != "binary_expression":
            continue
        m = LENGTH.match(text(node))
        if m is None or m[1] != (m[2] or m[3]) or m[1] not in lengths:
            continue
        count = lengths[m[1]]
        if not _magic(count) or not _plain_int_context(node):
            continue
        code = replace_spans(program.code, [(node.start_byte, node.end_byte, str(count))])
        if _confirmed(program, variant := Program(code)):
            out.append(Edit(variant, "literal_length", {"inlined": {text(node): str(count)}}))
    inlinable = values(program)
    for name in sorted(_size_constants(program) & set(inlinable)):
        if not _magic(inlinable[name]):
            continue
        variant = inline(program, {name: inlinable[name]})
        if _confirmed(program, variant):
            details = {"inlined": {name: inlinable[name]}}
            out.append(Edit(variant, "literal_length", details))
    return out


def _array_lengths(program: Program) -> dict[str, int]:
    """Arrays declared once as variables (a parameter `int a[10]` is a pointer), with their
    number of elements (of rows, for a table)."""
    from generator.c.pieces import constant_values

    written = constant_values(program)
    declared = _declared_names(program.root)
    out = {}
    for n in walk(program.root):
        if n.type != "array_declarator" or n.parent is None:
            continue
        name = n.child_by_field_name("declarator")
        if name is None or name.type != "identifier" or declared[text(name)] != 1:
            continue
        holder = n.parent
        while holder is not None and holder.type.endswith("declarator"):
            holder = holder.parent
        if holder is None or holder.type != "declaration":
            continue
        size = n.child_by_field_name("size")
        if size is not None:
            count = _fold(written.get(text(size), text(size)))
        elif n.parent.type == "init_declarator":
            init = n.parent.child_by_field_name("value")
            items = init.named_children if init is not None else []
            plain = init is not None and init.type == "initializer_list"
            plain = plain and not any(i.type == "initializer_pair" for i in items)
            count = len([i for i in items if i.type != "comment"]) if plain else None
        else:
            count = None
        if count is not None and count > 0:
            out[text(name)] = count
    return out


def _plain_int_context(node: Node) -> bool:
    """Where an `int` in place of the `size_t` quotient means the same: an initialiser, an
    assignment, a loop bound, an argument of a prototyped function (not a printf format)."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "init_declarator" or parent.type == "assignment_expression":
        return (
            parent.child_by_field_name("value") == node
            or parent.child_by_field_name("right") == node
        )
    if parent.type == "binary_expression" and parent.parent is not None:
        op = text(parent.child_by_field_name("operator"))
        return op in ("<", "<=", "!=") and parent.parent.type == "for_statement"
    if parent.type == "argument_list" and parent.parent is not None:
        callee = text(parent.parent.child_by_field_name("function"))
        return callee in _defined_functions(node) and callee not in IO_CALLS
    return False


def _defined_functions(node: Node) -> set[str]:
    top = node
    while top.parent is not None:
        top = top.parent
    return {name for c in top.children if (name := function_name(c)) is not None}


def _size_constants(program: Program) -> set[str]:
    """Constants written as the size of an array somewhere."""
    out = set()
    for n in walk(program.root):
        size = n.child_by_field_name("size") if n.type == "array_declarator" else None
        if size is not None and size.type == "identifier":
            out.add(text(size))
    return out & set(program.facts.constants)
