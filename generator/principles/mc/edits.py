"""MC's first procedural edit: named constants inlined (`inline_constants`), and the
constant lookups the other ways (`ways.py`) share. Each edit is a function of a parsed
`Program` returning the `Edit`, checked by the MC evidence; `mc.py` draws one by seed."""

from __future__ import annotations

import re
from random import Random

from generator.c.literals import NUMBER
from generator.c.program import Program
from generator.c.syntax import is_const, replace_spans, text, walk
from generator.principles.base import Edit

ATOMIC = re.compile(r'^(?:"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)+\'|\([^()]*\))$')
FLOATING = re.compile(r"\b(float|double)\b")


def targets(program: Program) -> list[str]:
    """Named constants the code uses, in definition order."""
    facts = program.facts
    return [name for name in facts.constants if facts.uses(name) > 0]


def values(program: Program) -> dict[str, str]:
    """What each inlinable constant is written as at a use: its value as defined, other
    constants in it written out too, in parentheses unless it is one literal. A `const
    double` written `2` keeps its type as `2.0`, or `n / HALF` would become integer
    division."""
    from generator.c.pieces import constant_values

    written = constant_values(program)
    floating = _floating_constants(program)
    out = {}
    for name in targets(program):
        value = written.get(name, "").strip()
        if not value or name in program.macro_words:
            continue  # another macro's body spells it: that text is not edited here
        if name in floating and re.fullmatch(r"[+-]?\d+", value):
            value += ".0"
        if not (NUMBER.match(value) and not value.startswith(("-", "+"))) and not ATOMIC.match(
            value
        ):
            value = f"({value})"
        out[name] = value
    return out


def _floating_constants(program: Program) -> set[str]:
    out = set()
    for node in program.root.children:
        if node.type == "declaration" and is_const(node):
            kind = text(node.child_by_field_name("type"))
            if FLOATING.search(kind):
                for d in node.children_by_field_name("declarator"):
                    name = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
                    out.add(text(name))
    return out


def inline(program: Program, chosen: dict[str, str]) -> Program:
    """`program` with each use of a constant in `chosen` written as its value, and the
    definitions left unused removed: the program the removal last read, so a check of it
    parses nothing again."""
    from generator.c.pieces import drop_unused_constants

    edits = [
        (n.start_byte, n.end_byte, chosen[text(n)])
        for n in program.identifiers(set(chosen))
        if not defining(n)
    ]
    # and a constant named only in an inlined one's #define (`#define ARRAY_SIZE MAX_NUMBERS`)
    spelled = {
        word
        for n in walk(program.root)
        if n.type == "preproc_def" and text(n.child_by_field_name("name")) in chosen
        for word in re.findall(r"\w+", text(n.child_by_field_name("value")))
    }
    dropped = set(chosen) | (spelled & set(program.facts.constants))
    inlined, _ = drop_unused_constants(Program(replace_spans(program.code, edits)), dropped)
    return inlined


def defining(ident: object) -> bool:
    """The name in its own definition (#define NAME, const int NAME = ..., enum { NAME })."""
    parent = ident.parent  # type: ignore[attr-defined]
    if parent is None:
        return False
    if parent.type in ("preproc_def", "enumerator"):
        return parent.child_by_field_name("name") == ident
    if parent.type in ("init_declarator", "pointer_declarator", "array_declarator"):
        return parent.child_by_field_name("declarator") == ident
    return False


def inline_constants(program: Program, rng: Random) -> Edit | None:
    inlinable = values(program)
    if not inlinable:
        return None
    names = sorted(inlinable)
    chosen = sorted(rng.sample(names, rng.randint(1, len(names))))
    variant = inline(program, {n: inlinable[n] for n in chosen})
    removed = [n for n in chosen if not _still_defined(variant, n)]
    said = f"removed the definitions of {', '.join(removed)}: inlined, unused"
    repairs = [said] if removed else []
    return Edit(
        variant,
        "inline_constants",
        {"inlined": {n: inlinable[n] for n in chosen}},
        repairs,
    )


def _still_defined(program: Program, name: str) -> bool:
    return any(defining(n) for n in program.identifiers({name})) or any(
        n.type == "preproc_def" and text(n.child_by_field_name("name")) == name
        for n in walk(program.root)
    )
