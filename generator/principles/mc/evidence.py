"""MC: the variant holds values that have no name, where the parent named them."""

from __future__ import annotations

from collections import Counter

from generator.c.facts import Facts
from generator.c.literals import IGNORED_NUMBERS, is_magic
from generator.evidence.finding import Finding, listing, pair

MIN_NEW_VALUES = 1
MIN_INLINED = 1


def _magic(facts: Facts) -> Counter[str]:
    return Counter(lit.key for lit in facts.literals if is_magic(lit.kind, lit.key, lit.io))


def inlined_constants(parent: Facts, variant: Facts) -> list[str]:
    """Constants of the parent used less in the variant while their value appears more.

    A rename (NAME) drops the uses but adds no literal; a duplicated block (DRY) adds
    literals and uses alike; only an inlining trades one for the other. A local initialised
    with a number and never assigned (`int limit = 30;`) names its value like a const.
    """
    p_all = Counter(lit.key for lit in parent.literals)
    v_all = Counter(lit.key for lit in variant.literals)
    out = []
    for name, key in _named(parent).items():
        if parent.uses(name) > variant.uses(name) and v_all[key] > p_all[key]:
            out.append(name)
    return sorted(out)


def _named(facts: Facts) -> dict[str, str]:
    return {**facts.named_locals, **facts.constants}


def check_mc(parent: Facts, variant: Facts) -> Finding:
    p_magic, v_magic = _magic(parent), _magic(variant)
    # Only values the parent never left unnamed: a pasted copy of an existing `* 3` is DRY's
    # business, and a clean program may legitimately hold a bare value or two.
    new_values = sorted(set(v_magic) - set(p_magic))
    inlined = inlined_constants(parent, variant)
    confirmed = len(new_values) >= MIN_NEW_VALUES or len(inlined) >= MIN_INLINED
    finding = Finding(
        confirmed=confirmed,
        signals={
            "unnamed_literals": pair(p_magic.total(), v_magic.total()),
            "distinct_unnamed_values": pair(len(p_magic), len(v_magic)),
            "named_constants": pair(len(parent.constants), len(variant.constants)),
        },
        thresholds={
            "new_unnamed_values_min": MIN_NEW_VALUES,
            "inlined_constants_min": MIN_INLINED,
            "ignored_numbers": sorted(k[2:] for k in IGNORED_NUMBERS),
            "ignored": "character literals; strings passed to printf/puts/scanf/fopen",
        },
        details={
            "new_unnamed_values": [_show(k) for k in new_values],
            "inlined_constants": {n: _show(_named(parent)[n]) for n in inlined},
        },
    )
    if new_values:
        shown = ", ".join(_show(k) for k in new_values[:5])
        finding.reasons.append(f"{len(new_values)} new unnamed value(s) in code: {shown}")
    if inlined:
        shown = ", ".join(f"{n}={_show(_named(parent)[n])}" for n in inlined[:5])
        finding.reasons.append(f"{len(inlined)} named constant(s) inlined: {shown}")
    if not confirmed:
        finding.reasons.append(
            f"no new unnamed value and no inlined constant "
            f"(unnamed literals {p_magic.total()} -> {v_magic.total()})"
        )
    return finding


def _show(key: str) -> str:
    return key[2:]


def point(facts: Facts) -> str | None:
    """What the demo shows under an MC label: the program's unnamed values."""
    keys = {lit.key for lit in facts.literals if is_magic(lit.kind, lit.key, lit.io)}
    # Numbers are what a student recognises as magic; strings only when there is no number.
    numbers = sorted((k for k in keys if k.startswith("n:")), key=_numeric)
    shown = numbers or sorted(k for k in keys if k.startswith("s:") and len(k) > 4)
    if not shown:
        return None
    return f"unnamed values in the code: {listing([k[2:] for k in shown])}"


def _numeric(key: str) -> tuple[float, str]:
    try:
        return (float(key[2:]), key)
    except ValueError:
        return (float("inf"), key)
