"""MC, magic constants: named values written out as bare literals.

Procedural edit `inline_constants`: a seeded non-empty subset of the top-level constants
the code uses (#define, const, enum) is written as its value at every use, and the
definitions nothing uses any more are removed, as a student who never named them would
have written it. The evidence check confirms an inlined constant (its uses went down while
its value appears more) or a new unnamed value.
"""

from __future__ import annotations

import re
from random import Random
from typing import TYPE_CHECKING, Any

from generator.evidence.literals import NUMBER
from generator.evidence.magic import check_mc
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule, joined
from generator.records import Reason
from generator.syntax import Program, is_const, replace_spans, text, walk

if TYPE_CHECKING:
    from generator.context import Context
    from generator.prompts import Template
    from generator.records import Sample

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
    from generator.stages.pieces import constant_values

    written = constant_values(program.code)
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


def inline(program: Program, chosen: dict[str, str]) -> str:
    """`program` with each use of a constant in `chosen` written as its value, and the
    definitions left unused removed."""
    from generator.stages.pieces import drop_unused_constants

    edits = [
        (n.start_byte, n.end_byte, chosen[text(n)])
        for n in program.identifiers(set(chosen))
        if not _defining(n)
    ]
    code, _ = drop_unused_constants(replace_spans(program.code, edits), set(chosen))
    return code


def _defining(ident: object) -> bool:
    """The name in its own definition (#define NAME, const int NAME = ..., enum { NAME })."""
    parent = ident.parent  # type: ignore[attr-defined]
    if parent is None:
        return False
    if parent.type in ("preproc_def", "enumerator"):
        return parent.child_by_field_name("name") == ident
    if parent.type in ("init_declarator", "pointer_declarator", "array_declarator"):
        return parent.child_by_field_name("declarator") == ident
    return False


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    inlinable = values(program)
    if not inlinable:
        return NotApplicable(RULE.why_not)
    names = sorted(inlinable)
    chosen = sorted(rng.sample(names, rng.randint(1, len(names))))
    code = inline(program, {n: inlinable[n] for n in chosen})
    removed = [n for n in chosen if not _still_defined(code, n)]
    said = f"removed the definitions of {', '.join(removed)}: inlined, unused"
    repairs = [said] if removed else []
    return Edit(
        code,
        "inline_constants",
        {"inlined": {n: inlinable[n] for n in chosen}},
        repairs,
    )


def _still_defined(code: str, name: str) -> bool:
    program = Program(code)
    return any(_defining(n) for n in program.identifiers({name})) or any(
        n.type == "preproc_def" and text(n.child_by_field_name("name")) == name
        for n in walk(program.root)
    )


# The LLM editor: one request per top-level piece that uses a constant defined at top
# level, naming only the replacements that piece needs.


def edit_map(program: Program) -> dict[str, str]:
    """What the piecewise request writes for each constant defined at top level and used,
    with its value (`LIMIT` -> `30`)."""
    from generator.stages.pieces import constant_values

    written = constant_values(program.code)
    return {n: written[n] for n in targets(program) if n in written}


def asked_targets(program: Program) -> list[str]:
    """The constants the request names; none when every constant is local to a function
    (no piece can be asked alone): the whole-program request is made then."""
    return list(edit_map(program))


def phrase(edits: dict[str, str]) -> str:
    """'LIMIT by 30 and RATE by 1.5'."""
    return joined([f"{old} by {new}" for old, new in edits.items()])


def _inlined(before: str, after: str, edits: dict[str, str]) -> bool:
    """Some of the constants gone and no name added."""
    from generator.stages.pieces import identifiers

    names, got = identifiers(before), identifiers(after)
    return got <= names and bool(set(edits) & names - got)


async def ask(ctx: Context, s: Sample, program: Program, tpl: Template, names: list[str]) -> str:
    """The definitions of the constants being inlined are never sent (a model told
    "replace LIMIT by 30" would happily write `#define 30 30`); those nothing uses any
    more are removed afterwards."""
    from generator.stages import pieces
    from generator.stages.small_edits import Retry, rewrite_pieces

    edits = edit_map(program)
    parts = pieces.pieces(program.code, fixed=set(edits))
    done = await rewrite_pieces(
        ctx,
        s,
        parts,
        edits,
        render=lambda piece, mine: tpl.render(code=piece.text, replacements=phrase(mine)),
        expect=lambda piece, _: piece.function,
        as_asked=_inlined,
    )
    if not done:
        raise Retry(Reason.NO_OP, "no piece of the program took the MC edit")
    code = pieces.put_back(program.code, done, parts)
    code, gone = pieces.drop_unused_constants(code, set(edits))
    if gone:
        s.repairs.append(f"removed the definitions of {', '.join(gone)}: inlined, unused")
    return code


def touched(details: dict[str, Any], transform: str | None) -> dict[str, set[str]]:
    values = set((details.get("inlined_constants") or {}).values())
    return {"inlined_values": values | set(details.get("new_unnamed_values") or [])}


RULE = Rule(
    principle=Principle.MC,
    check=check_mc,
    procedural=procedural,
    targets=asked_targets,
    why_not="no named constant is used, so there is nothing to inline",
    ask=ask,
    touched=touched,
    transform="inline_constants",
)
