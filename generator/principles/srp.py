"""SRP, single responsibility: one function doing the jobs of several.

Procedural edit `merge_helper`: a helper called from one place is pasted into its caller
with its parameters bound and removed, so the caller now does that job too (a seeded
choice among the helpers whose merge the SRP check confirms).
"""

from __future__ import annotations

from random import Random

from generator.evidence.responsibility import check_srp
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule
from generator.syntax import Program


def merge_targets(program: Program) -> list[str]:
    from generator.hints import srp_candidates

    return srp_candidates(program.code)


def targets(program: Program) -> list[str]:
    """The one helper the LLM editor is asked to merge: called from one place, with a body
    big enough that its caller visibly grows (measured: asked to move "each of a, b and c"
    the model deleted them and left the calls; a one-printf helper merged leaves main no
    bigger)."""
    return merge_targets(program)[:1]


def merge(program: Program, name: str) -> Edit:
    from generator.hints import paste_sites
    from generator.stages.paste import faithful

    code = faithful(program.code, name, paste_sites(program.code, name))
    repairs = [f"removed {name}: pasted, no longer called"]
    return Edit(code, "merge_helper", {"merged": name}, repairs)


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    names = merge_targets(program)
    if not names:
        return NotApplicable(RULE.why_not)
    return merge(program, names[rng.randrange(len(names))])


RULE = Rule(
    principle=Principle.SRP,
    targets=targets,
    why_not=(
        "no helper of three or more statements (or a branch), returning only at its end, is "
        "called by one whole-statement line whose pasted body makes the caller grow, so "
        "merging one would not make its caller do more"
    ),
    procedural=procedural,
    check=check_srp,
    request="paste",
    transform="merge_helper",
)
