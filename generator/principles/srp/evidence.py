"""SRP: helpers used at one place were merged into a function that grew.

A helper called from one place that disappears while its caller gains branches or
statements means one function now does that job too. A helper called from several places
that disappears is a DRY inlining (its body got pasted), so it does not count here.
Branch points are counted once per distinct shape, so pasted copies do not inflate them.
"""

from __future__ import annotations

from generator.c.facts import Facts, Function, removed_helpers
from generator.evidence.finding import Finding, pair

MIN_MERGED = 1  # single-use helpers that disappeared
MIN_DECISION_GROWTH = 1  # distinct branch points the absorbing function gained
MIN_STATEMENT_GROWTH = 2  # or statements it gained


def _absorber(
    parent: Facts, variant: Facts, removed: list[str]
) -> tuple[Function | None, int, int, int, int]:
    """The variant function that grew most, with its (parent, variant) decisions/statements."""
    p_funcs = {f.name: f for f in parent.functions}
    gone = [p_funcs[n] for n in removed]
    # A function with a new name is compared with the largest helper it may have absorbed.
    base_dec = max((f.decisions for f in gone), default=0)
    base_stmt = max((f.statements for f in gone), default=0)
    best: tuple[Function | None, int, int, int, int] = (None, 0, 0, 0, 0)
    for f in variant.functions:
        old = p_funcs.get(f.name)
        pd, ps = (old.decisions, old.statements) if old else (base_dec, base_stmt)
        growth = (f.decisions - pd, f.statements - ps)
        if best[0] is None or growth > (best[2] - best[1], best[4] - best[3]):
            best = (f, pd, f.decisions, ps, f.statements)
    return best


def check_srp(parent: Facts, variant: Facts) -> Finding:
    removed, merged, pasted = removed_helpers(parent, variant)
    fewer = len(variant.functions) < len(parent.functions)
    func, pd, vd, ps, vs = _absorber(parent, variant, removed)
    grew = vd - pd >= MIN_DECISION_GROWTH or vs - ps >= MIN_STATEMENT_GROWTH
    confirmed = fewer and len(merged) >= MIN_MERGED and grew
    finding = Finding(
        confirmed=confirmed,
        signals={
            "functions": pair(len(parent.functions), len(variant.functions)),
            "max_decisions": pair(
                max((f.decisions for f in parent.functions), default=0),
                max((f.decisions for f in variant.functions), default=0),
            ),
            "absorber_decisions": pair(pd, vd),
            "absorber_statements": pair(ps, vs),
        },
        thresholds={
            "single_use_helpers_merged_min": MIN_MERGED,
            "decision_growth_min": MIN_DECISION_GROWTH,
            "or_statement_growth_min": MIN_STATEMENT_GROWTH,
        },
        details={
            "absorber": func.name if func else None,
            "merged_single_use": merged,
            "removed_multi_use": pasted,
        },
    )
    if merged and func is not None:
        finding.reasons.append(
            f"{len(merged)} single-use helper(s) gone ({', '.join(merged[:4])}); "
            f"{func.name} branches {pd} -> {vd}, statements {ps} -> {vs}"
        )
    if not confirmed:
        why = []
        if not fewer:
            why.append(f"functions {len(parent.functions)} -> {len(variant.functions)}")
        elif not merged:
            why.append("no single-use helper merged")
        elif not grew:
            why.append("no function grew")
        if pasted:
            why.append(f"multi-use helper(s) inlined ({', '.join(pasted[:3])}) count as DRY")
        finding.reasons.append("responsibilities not merged: " + "; ".join(why))
    return finding


def point(facts: Facts) -> str | None:
    """What the demo shows under an SRP label: the function holding the most."""
    if not facts.functions:
        return None
    f = max(facts.functions, key=lambda fn: (fn.statements + 2 * fn.decisions, fn.name))
    return f"{f.name} holds {f.statements} statements and {f.decisions} branch points"
