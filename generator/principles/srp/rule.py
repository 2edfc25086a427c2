"""SRP, single responsibility: one function doing the jobs of several.

Procedural edits, one transform drawn by seed among those the program offers, then one of
its edits, each offered only when the SRP check confirms it:
- `merge_helper`: a helper called from one place is pasted into its caller with its
  parameters bound (one it assigns becomes a local copy in a block of its own) and
  removed, so the caller now does that job too;
- `merge_functions`: two void helpers, each called once and without a `return`, called one
  right after the other in the same block (`read_input(&d); print_report(&d);`), become one
  function (`read_input_and_print_report`) whose body is the first's then the second's,
  called once where the two were; it takes the parameters of both, one that both take with
  the same argument once, and the second's renamed where the first's body uses its name.
  The bodies go in blocks of their own only when their locals would clash. Only when the
  second call's arguments mean the same evaluated before the first body runs (literals,
  `&x`, the caller's variables the first call cannot reach): `read_count(&n); show(n);`
  is not merged, `n` would be read before it is set.
The edits live in `edits.py`; here, the draw, the LLM editor's request and the rule.
"""

from __future__ import annotations

from random import Random
from typing import TYPE_CHECKING, Any

from generator.c.program import Program
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule
from generator.principles.srp import verdict as srp_verdict
from generator.principles.srp.evidence import check_srp, point

if TYPE_CHECKING:
    from generator.context import Context
    from generator.prompts import Template
    from generator.records import Sample


from generator.principles.srp.edits import (
    TRANSFORMS,
    merge,
    merge_targets,
    merged_functions,
    merges,
)


def targets(program: Program) -> list[str]:
    """The one helper the LLM editor is asked to merge: called from one place, with a body
    big enough that its caller visibly grows (measured: asked to move "each of a, b and c"
    the model deleted them and left the calls; a one-printf helper merged leaves main no
    bigger)."""
    return merge_targets(program)[:1]


WHY_NOT = (
    "no helper of three or more statements (or a branch), returning only at its end, is "
    "called by one whole-statement line whose pasted body makes the caller grow, so "
    "merging one would not make its caller do more; and no two void helpers, each called "
    "once, are called one right after the other with arguments that mean the same when "
    "merged, as a merge the check confirms"
)


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    """One transform drawn by seed among those the program offers, then one of its edits."""
    merged = merges(program, own_locals=True)
    names = list(merged)
    pairs = merged_functions(program)
    offered = [t for t, found in zip(TRANSFORMS, (names, pairs), strict=True) if found]
    if not offered:
        return NotApplicable(WHY_NOT)
    # No draw when there is no choice: a program offering only merge_helper gets the edit it
    # got before merge_functions existed.
    kind = offered[rng.randrange(len(offered))] if len(offered) > 1 else offered[0]
    if kind == "merge_functions":
        return pairs[rng.randrange(len(pairs))]
    name = names[rng.randrange(len(names))]
    return merge(name, merged[name])


async def ask(
    ctx: Context, s: Sample, program: Program, tpl: Template, names: list[str]
) -> Program:
    """The LLM editor's merge: the helper's body written by the model for its one call
    line, values in place of its parameters; the helper then dropped."""
    from generator.c.paste import paste_sites
    from generator.c.tidy import drop_unused_function
    from generator.principles.small_edits import paste_calls

    name = names[0]
    pasted = await paste_calls(ctx, s, program, tpl, name, paste_sites(program, name))
    if (tidied := drop_unused_function(pasted, name)).code != pasted.code:
        s.repairs.append(f"removed {name}: pasted, no longer called")
    return tidied


def touched(details: dict[str, Any], transform: str | None) -> dict[str, set[str]]:
    return {"helpers": set(details.get("merged_single_use") or [])}


RULE = Rule(
    principle=Principle.SRP,
    verdict=srp_verdict.verdict,
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
    meaning="a function does several jobs",
    short="one function, several jobs",
    analysers=(
        "clang-tidy readability-function-size",
        "clang-tidy readability-function-cognitive-complexity",
        "lizard function size",
    ),
    point=point,
)
