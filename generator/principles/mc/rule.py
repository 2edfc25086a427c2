"""MC, magic constants: named values written out as bare literals.

Procedural edits, one transform drawn by seed among those the program offers, then one of
its edits; each of the last four is offered only when the MC check confirms it, and only
for a value the check counts as unnamed (0, 1, -1 and 2 it ignores):
- `inline_constants`: a seeded non-empty subset of the top-level constants the code uses
  (#define, const, enum) is written as its value at every use, and the definitions nothing
  uses any more are removed, as a student who never named them would have written it (a
  `#define` naming another constant is that constant under a second name);
- `inline_enum`: the members of one enum used as values are written as their numbers, and
  the enum removed when nothing names it or its type any more;
- `inline_local`: a local `int`/`double` set to a number and never assigned
  (`int limit = 30;`) is written as that number at its uses, its declaration removed;
- `fold_constant`: a constant defined by an integer expression of numbers and constants
  (`#define SECONDS_PER_DAY (24 * 60 * 60)`) is written as the folded value, 86400, the way
  a student who did the sum by hand writes it; only when every step fits in an int;
- `literal_length`: `sizeof(a) / sizeof(a[0])` is written as the count where an int means
  the same (an initialiser, an assignment, a loop bound, an argument of the program's own
  function; not a `%zu` argument), or a constant used as an array's size is written out.
The evidence check confirms an inlined constant (its uses went down while its value
appears more) or a new unnamed value. The edits live in `edits.py` and `ways.py`;
here, the draw among them, the LLM editor's request and the rule.
"""

from __future__ import annotations

from random import Random
from typing import TYPE_CHECKING, Any

from generator.c.program import Program
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule, joined
from generator.principles.mc import verdict as mc_verdict
from generator.principles.mc.evidence import check_mc, point
from generator.records import Reason

if TYPE_CHECKING:
    from generator.c.pieces import Piece
    from generator.context import Context
    from generator.prompts import Template
    from generator.records import Sample

from generator.principles.mc.edits import inline_constants, targets, values
from generator.principles.mc.ways import (
    TRANSFORMS,
    enum_edits,
    fold_edits,
    length_edits,
    local_edits,
)

WHY_NOT = (
    "no named constant is used (#define, const, enum, a local set to a number and never "
    "assigned), none is an integer expression to fold, and no array length is computed "
    "or named, so no value can lose its name"
)


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    """One transform drawn by seed among those the program offers, then one of its edits.
    The others are made (and checked) up front: only a confirmed edit is offered."""
    made = {
        "inline_enum": enum_edits(program),
        "inline_local": local_edits(program),
        "fold_constant": fold_edits(program),
        "literal_length": length_edits(program),
    }
    offered = [
        t for t in TRANSFORMS if made.get(t) or (t == "inline_constants" and values(program))
    ]
    if not offered:
        return NotApplicable(WHY_NOT)
    # No draw when there is no choice: a program offering only inlining gets the edit it
    # got before the other transforms existed.
    kind = offered[rng.randrange(len(offered))] if len(offered) > 1 else offered[0]
    if kind == "inline_constants":
        return inline_constants(program, rng) or NotApplicable(WHY_NOT)
    edits = made[kind]
    return edits[rng.randrange(len(edits))]


# The LLM editor: one request per top-level piece that uses a constant defined at top
# level, naming only the replacements that piece needs.


def edit_map(program: Program) -> dict[str, str]:
    """What the piecewise request writes for each constant defined at top level and used,
    with its value (`LIMIT` -> `30`)."""
    from generator.c.pieces import constant_values

    written = constant_values(program)
    return {n: written[n] for n in targets(program) if n in written}


def asked_targets(program: Program) -> list[str]:
    """The constants the request names; none when every constant is local to a function
    (no piece can be asked alone): the whole-program request is made then."""
    return list(edit_map(program))


def phrase(edits: dict[str, str]) -> str:
    """'LIMIT by 30 and RATE by 1.5'."""
    return joined([f"{old} by {new}" for old, new in edits.items()])


def _inlined(before: Piece, after: Program, edits: dict[str, str]) -> bool:
    """Some of the constants gone and no name added."""
    from generator.c.pieces import identifiers

    names, got = identifiers(before.program), identifiers(after)
    return got <= names and bool(set(edits) & names - got)


async def ask(
    ctx: Context, s: Sample, program: Program, tpl: Template, names: list[str]
) -> Program:
    """The definitions of the constants being inlined are never sent (a model told
    "replace LIMIT by 30" would happily write `#define 30 30`); those nothing uses any
    more are removed afterwards."""
    from generator.c import pieces
    from generator.principles.small_edits import Retry, rewrite_pieces

    edits = edit_map(program)
    parts = pieces.pieces(program, fixed=set(edits))
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
    edited, gone = pieces.drop_unused_constants(pieces.put_back(program, done, parts), set(edits))
    if gone:
        s.repairs.append(f"removed the definitions of {', '.join(gone)}: inlined, unused")
    return edited


def touched(details: dict[str, Any], transform: str | None) -> dict[str, set[str]]:
    values = set((details.get("inlined_constants") or {}).values())
    return {"inlined_values": values | set(details.get("new_unnamed_values") or [])}


RULE = Rule(
    principle=Principle.MC,
    verdict=mc_verdict.verdict,
    check=check_mc,
    procedural=procedural,
    targets=asked_targets,
    why_not="no named constant is used, so there is nothing to inline",
    ask=ask,
    touched=touched,
    transform="inline_constants",
    meaning="unexplained literal numbers where a named constant belongs",
    short="unexplained numbers",
    analysers=("clang-tidy readability-magic-numbers",),
    point=point,
)
