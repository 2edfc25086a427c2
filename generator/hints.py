"""What a de-clean prompt should point at in the parent: `{{targets}}` for the templates.

The embedded 1.5B model copies a program unchanged when asked "inline every named
constant", but makes the edit when the prompt names them ("replace MAX_ROWS, KELVIN_OFFSET
by their values"). So each principle gets the names its edit applies to, read from the
same facts the evidence checkers use, so the hint and the check agree on what counts.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.evidence.facts import Facts, analyse
from generator.evidence.words import is_meaningful
from generator.principles import Principle
from generator.stages.paste import inlinable, pasteable

MAX_NAMES = 8  # a longer list makes the small model drop the program's tail


def targets(principle: Principle | str, code: str) -> str:
    """Names for the prompt, as an English list ("a, b and c"); '' when there are none."""
    facts = analyse(code)
    pick = {
        Principle.DRY: _most_called,
        Principle.SRP: _single_use,
        Principle.MC: lambda facts, code: _constants(facts),
        Principle.NAME: lambda facts, code: _meaningful(facts),
    }.get(Principle(principle))
    return _join(pick(facts, code)[:MAX_NAMES]) if pick else ""


MAX_CALLS = 8
NOT_A_TYPE = {"return", "else", "do", "case"}  # words that may stand before a call


def values(principle: Principle | str, code: str) -> dict[str, str]:
    """Everything a targeted template may use: `targets`, and for DRY and SRP the `calls`.

    Measured on the 1.5B model: told "paste printVector at every place where it was called"
    it returned the program unchanged or broken (0/2); shown the call lines it pasted at
    each of them (2/2, compiled, same output)."""
    names = targets(principle, code)
    calls = renames = ""
    if Principle(principle) in (Principle.DRY, Principle.SRP) and names:
        calls = "\n".join(f"    {line}" for line in paste_sites(code, names)[:MAX_CALLS])
    if Principle(principle) == Principle.NAME and names:
        renames = _join([f"{old} to {new}" for old, new in rename_map(code).items()])
    return {"targets": names, "calls": calls, "renames": renames}


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
        for n in _meaningful(facts)[:MAX_NAMES]
    }


def paste_sites(code: str, name: str) -> list[str]:
    """The call lines of `name` a paste can replace (whole statements, not conditions)."""
    return [line for line in call_sites(code, name) if pasteable(line, name)]


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
        "no helper of two or more statements (not recursive, returning only at its end) is "
        "called by two whole-statement lines, so pasting one repeats nothing"
    ),
    Principle.SRP: (
        "no helper of three or more statements (or a branch), returning only at its end, is "
        "called by one whole-statement line, so merging one would not make its caller do more"
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


def _most_called(facts: Facts, code: str) -> list[str]:
    # One helper: pasting a single one at its call sites is an edit the model can finish,
    # and it leaves the single-use helpers for SRP further down the chain. A helper called
    # from one place only would be pasted once: no duplicate, no DRY. A recursive one
    # cannot be pasted at all (measured: the model deleted binary_search and pasted
    # nothing), and a one-statement body pastes into copies too short to count as clones.
    # Its body must paste as plain statements (no early return) at two whole-statement calls.
    calls = _callers(facts)
    body = {f.name: f for f in facts.functions}
    fit = [
        (n, k)
        for n, k in calls.items()
        if k >= 2 and n in body and not body[n].calls[n] and body[n].statements >= 2
        if inlinable(code, n) and len(paste_sites(code, n)) >= 2
    ]
    fit.sort(key=lambda nk: -nk[1] * body[nk[0]].statements)
    return [fit[0][0]] if fit else []


def _single_use(facts: Facts, code: str) -> list[str]:
    # One helper, called from one place, with a body big enough that its caller visibly
    # grows: measured, the model asked to move "each of a, b and c" deleted them and left
    # the calls, and a one-printf helper merged into main leaves main no bigger.
    calls = _callers(facts)
    body = {f.name: f for f in facts.functions}
    fit = [
        body[n]
        for n, k in calls.items()
        if k == 1 and n in body and not body[n].calls[n]
        if body[n].statements >= 3 or body[n].decisions >= 1
        if inlinable(code, n) and len(paste_sites(code, n)) == 1
    ]
    fit.sort(key=lambda f: -(f.statements + 2 * f.decisions))
    return [fit[0].name] if fit else []


def _constants(facts: Facts) -> list[str]:
    return [name for name in facts.constants if facts.uses(name) > 0]


def _meaningful(facts: Facts) -> list[str]:
    # Constants keep their names (renaming them is not this edit), macros included.
    skip = set(facts.constants) | {"main"} | {n for n in facts.declared if n.isupper()}
    funcs = [f.name for f in facts.functions if f.name not in skip and is_meaningful(f.name)]
    rest = sorted(n for n in facts.declared - skip - set(funcs) if is_meaningful(n))
    # Functions first: a renamed function shows at every call, so it is rarely half done.
    return funcs + [n for n in rest if facts.idents[n] > 0]


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
