"""SRP, single responsibility: one function doing the jobs of several.

Procedural edit `merge_helper`: a helper called from one place is pasted into its caller
with its parameters bound and removed, so the caller now does that job too (a seeded
choice among the helpers whose merge the SRP check confirms).
"""

from __future__ import annotations

from random import Random
from typing import TYPE_CHECKING, Any

from generator.evidence.responsibility import check_srp
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule
from generator.syntax import Program

if TYPE_CHECKING:
    from generator.context import Context
    from generator.prompts import Template
    from generator.records import Sample


def merge_targets(program: Program) -> list[str]:
    """Every single-use helper whose faithful merge the SRP check confirms, biggest first:
    three statements or a branch, a body that pastes as statements, no parameter it
    assigns, called by one whole-statement line."""
    from generator.evidence.responsibility import callers
    from generator.stages import paste

    code, calls = program.code, callers(program.facts)
    body = {f.name: f for f in program.facts.functions if f.name != "main"}
    fit = [
        body[n]
        for n, k in calls.items()
        if k == 1 and n in body and not body[n].calls[n]
        if body[n].statements >= 3 or body[n].decisions >= 1
        if paste.inlinable(code, n) and not paste.modified_parameters(code, n)
        if len(paste.paste_sites(code, n)) == 1
    ]
    fit.sort(key=lambda f: -(f.statements + 2 * f.decisions))
    return [
        f.name
        for f in fit
        if paste.confirmed(code, f.name, paste.paste_sites(code, f.name), check_srp)
    ]


def targets(program: Program) -> list[str]:
    """The one helper the LLM editor is asked to merge: called from one place, with a body
    big enough that its caller visibly grows (measured: asked to move "each of a, b and c"
    the model deleted them and left the calls; a one-printf helper merged leaves main no
    bigger)."""
    return merge_targets(program)[:1]


def merge(program: Program, name: str) -> Edit:
    from generator.stages.paste import faithful, paste_sites

    code = faithful(program.code, name, paste_sites(program.code, name))
    repairs = [f"removed {name}: pasted, no longer called"]
    return Edit(code, "merge_helper", {"merged": name}, repairs)


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    names = merge_targets(program)
    if not names:
        return NotApplicable(RULE.why_not)
    return merge(program, names[rng.randrange(len(names))])


async def ask(ctx: Context, s: Sample, program: Program, tpl: Template, names: list[str]) -> str:
    """The LLM editor's merge: the helper's body written by the model for its one call
    line, values in place of its parameters; the helper then dropped."""
    from generator.stages.paste import paste_sites
    from generator.stages.small_edits import paste_calls
    from generator.stages.tidy import drop_unused_function

    name = names[0]
    code = await paste_calls(ctx, s, program.code, tpl, name, paste_sites(program.code, name))
    if (tidied := drop_unused_function(code, name)) != code:
        s.repairs.append(f"removed {name}: pasted, no longer called")
    return tidied


def touched(details: dict[str, Any], transform: str | None) -> dict[str, set[str]]:
    return {"helpers": set(details.get("merged_single_use") or [])}


RULE = Rule(
    principle=Principle.SRP,
    check=check_srp,
    procedural=procedural,
    targets=targets,
    why_not=(
        "no helper of three or more statements (or a branch), returning only at its end, is "
        "called by one whole-statement line whose pasted body makes the caller grow, so "
        "merging one would not make its caller do more"
    ),
    ask=ask,
    touched=touched,
    transform="merge_helper",
)
