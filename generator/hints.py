"""What the LLM editor's de-clean request points at in the parent, and the paste mechanics
behind DRY and SRP targets (which call lines can take a paste, whether a faithful paste
would be confirmed).

The embedded 1.5B model copies a program unchanged when asked "inline every named
constant", but makes the edit when the prompt names them ("replace MAX_ROWS, KELVIN_OFFSET
by their values"). What each principle acts on is its module's `RULE.targets`
(`generator/principles/`), the same for both editors; here it is a list of names, joined
only where a template is rendered (`{{targets}}`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from generator.evidence.clones import SHORT_WINDOW, check_dry
from generator.evidence.facts import Facts, Function, analyse
from generator.evidence.responsibility import check_srp
from generator.principles import Principle
from generator.stages.paste import (
    faithful,
    inlinable,
    modified_parameters,
    pasteable,
    returns_expression,
)
from generator.stages.pieces import constant_values

MAX_NAMES = 8  # a longer list makes the small model drop the program's tail


def targets(principle: Principle | str, code: str) -> list[str]:
    """Names for the request, best first; [] when there are none."""
    return list(_targets(Principle(principle), code))


@lru_cache(maxsize=256)
def _targets(principle: Principle, code: str) -> tuple[str, ...]:
    # Cached: a de-clean attempt asks several times about the same parent. The principle's
    # module says what its edit acts on, for both editors.
    from generator.principles.base import rule
    from generator.syntax import Program

    return tuple(rule(principle).targets(Program(code))[:MAX_NAMES])


NOT_A_TYPE = {"return", "else", "do", "case"}  # words that may stand before a call
MAX_CALLS = 8  # call lines pasted at most; more make a long, slow edit


def joined(names: list[str]) -> str:
    """ "a, b and c": how a list of names reads in a prompt."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def edit_map(principle: Principle | str, code: str) -> dict[str, str]:
    """What a piecewise edit writes for each name: MC, each constant defined at top level
    and used, with its value (`LIMIT` -> `30`); NAME, the rename map; else empty."""
    p = Principle(principle)
    if p == Principle.NAME:
        return rename_map(code)
    if p != Principle.MC:
        return {}
    written = constant_values(code)
    return {n: written[n] for n in targets(Principle.MC, code) if n in written}


def rename_map(code: str) -> dict[str, str]:
    """Each name NAME would spoil, with a short meaningless one of its own.

    Measured: told "rename these to names such as a, b, f1", the 1.5B model gave two
    functions the same name (4 of 6 NAME variants did not compile). Distinct new names that
    the program does not already use leave it only the renaming to do."""
    facts = analyse(code)
    taken = set(facts.declared) | set(facts.idents)
    funcs = {f.name for f in facts.functions}
    fresh_funcs = (f"f{i}" for i in range(1, 100) if f"f{i}" not in taken)
    letters = [c for c in "abcdefghjkmpqrstuvwxyz" if c not in taken]
    fresh_vars = iter(letters + [f"v{i}" for i in range(1, 100) if f"v{i}" not in taken])
    return {
        n: next(fresh_funcs) if n in funcs else next(fresh_vars)
        for n in targets(Principle.NAME, code)
    }


def paste_sites(code: str, name: str, expressions: bool = False) -> list[str]:
    """The call lines of `name` a paste can replace: whole statements, and with
    `expressions` any line when the body is one `return <value>;` (DRY: `is_leap(year)`
    written out in two conditions is the same logic twice; for SRP it would merge nothing)."""
    anywhere = expressions and returns_expression(code, name)
    return [line for line in call_sites(code, name) if pasteable(line, name, anywhere)]


def call_sites(code: str, name: str) -> list[str]:
    """The lines that call `name`, stripped: not its definition nor its prototype."""
    out = []
    for line in code.splitlines():
        text = line.strip()
        if text.startswith(("//", "/*", "*")) or not re.search(rf"\b{name}\s*\(", text):
            continue
        head = re.match(rf"^([\w\s*]*?)\b{name}\s*\(", text)
        words = head.group(1).split() if head else []
        if words and words[-1] not in NOT_A_TYPE:
            continue  # type words before the name: a definition or a prototype
        out.append(text)
    return out


WHY_NOT = {
    Principle.DRY: (
        "no helper called from two places (not recursive, returning only at its end or one "
        "expression) whose body, pasted at its calls as asked, gives copies the DRY check "
        "would see, so pasting one repeats nothing"
    ),
    Principle.SRP: (
        "no helper of three or more statements (or a branch), returning only at its end, is "
        "called by one whole-statement line whose pasted body makes the caller grow, so "
        "merging one would not make its caller do more"
    ),
    Principle.MC: "no named constant is used, so there is nothing to inline",
    Principle.NAME: "no meaningful name is left to spoil",
}


def inapplicable(principle: Principle | str, code: str) -> str | None:
    """Why the de-clean edit for `principle` cannot be made on `code`, or None when it can.

    The edits the prompts ask for (paste a helper, merge helpers, inline constants, rename)
    need something in the parent to act on; asking anyway buys a no-op or a label the
    evidence will not confirm."""
    p = Principle(principle)
    return None if targets(p, code) or p not in WHY_NOT else WHY_NOT[p]


def _callers(facts: Facts) -> Counter[str]:
    own = {f.name for f in facts.functions}
    calls: Counter[str] = Counter()
    for f in facts.functions:
        for name, n in f.calls.items():
            if name != f.name and name in own and name != "main":
                calls[name] += n
    return calls


def _dry_fit(facts: Facts, code: str) -> list[str]:
    calls = _callers(facts)
    body = {f.name: f for f in facts.functions}
    fit = [
        n
        for n, k in calls.items()
        if k >= 2 and n in body and not body[n].calls[n] and _long_enough(body[n])
        if inlinable(code, n) and not modified_parameters(code, n)
        if paste_sites(code, n, expressions=True)
    ]
    fit.sort(key=lambda n: -calls[n] * body[n].statements)
    return fit


@lru_cache(maxsize=256)
def dry_candidates(code: str) -> list[str]:
    """Every helper whose faithful paste the DRY check confirms, best first."""
    fit = _dry_fit(analyse(code), code)
    return [n for n in fit if _confirmable(Principle.DRY, code, n)]


@lru_cache(maxsize=256)
def srp_candidates(code: str) -> list[str]:
    """Every single-use helper whose faithful merge the SRP check confirms, biggest first."""
    facts = analyse(code)
    calls = _callers(facts)
    body = {f.name: f for f in facts.functions}
    fit = [
        body[n]
        for n, k in calls.items()
        if k == 1 and n in body and not body[n].calls[n]
        if body[n].statements >= 3 or body[n].decisions >= 1
        if inlinable(code, n) and not modified_parameters(code, n)
        if len(paste_sites(code, n)) == 1
    ]
    fit.sort(key=lambda f: -(f.statements + 2 * f.decisions))
    return [f.name for f in fit if _confirmable(Principle.SRP, code, f.name)]


def _confirmable(principle: Principle, code: str, name: str) -> bool:
    """The paste, done exactly as asked, would be confirmed by the evidence check. The
    copies must come out alike: `f(values[i])` and `f(total)` paste different tokens, and
    the DRY check compares tokens (measured: a paste of `in_range(values[count])` and
    `in_range(count * SCALE)` was rightly not confirmed). Asking for an edit whose faithful
    result has no evidence only buys rejected variants."""
    sites = paste_sites(code, name, expressions=principle == Principle.DRY)[:MAX_CALLS]
    variant = faithful(code, name, sites)
    checker = check_dry if principle == Principle.DRY else check_srp
    return variant != code and checker(analyse(code), analyse(variant)).confirmed


MIN_PASTED_TOKENS = SHORT_WINDOW + 2  # a shorter copy is no clone to the DRY check


def _long_enough(f: Function) -> bool:
    # Two statements, or one long one: a single printf wrapper pasted five times is five
    # 9-token copies, which the evidence rightly does not call duplication, but pasting
    # `printf("%ld.%02ld", cents / CENTS_PER_EURO, cents % CENTS_PER_EURO)` is. Measured on
    # the 1.5B model's invoice: `return subtotal * (1 - rate) * rate;` (10 tokens) written
    # out for each rate was not confirmed: the two call lines already looked alike.
    return f.statements >= 2 or f.body_tokens >= MIN_PASTED_TOKENS
