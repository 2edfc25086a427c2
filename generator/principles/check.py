"""`check(parent, variant, principle) -> Evidence`: does the variant break the principle?

Every registered checker runs on every pair: the one for `principle` gives the verdict,
the others tell which principles the variant also newly breaks (`collateral`). The
checkers are the principle packages' own (`RULE.check`, `generator/principles/<name>/`),
read from the registry on first use; a principle whose module names none (a newly added
one) gets the verdict `unchecked`.
"""

from __future__ import annotations

from typing import Any

from generator.c.facts import Facts
from generator.c.program import Program
from generator.evidence.finding import Checker, Finding
from generator.evidence.model import Evidence, Verdict
from generator.principles import Principle
from generator.principles.base import rules

CHECKERS: dict[Principle, Checker] = {}  # filled from the registry by checkers()


def checkers() -> dict[Principle, Checker]:
    if not CHECKERS:
        CHECKERS.update({p: r.check for p, r in rules().items() if r.check is not None})
    return CHECKERS


def _run(checker: Checker, parent: Facts, variant: Facts) -> Finding:
    # The pipeline calls this on whatever a model wrote: a checker bug must cost one
    # variant its evidence, never the run.
    try:
        return checker(parent, variant)
    except Exception as exc:
        return Finding(confirmed=False, reasons=[f"checker failed: {type(exc).__name__}: {exc}"])


def check(
    parent_program: Program, variant_program: Program, principle: Principle | str
) -> Evidence:
    """Each side's facts come with its `Program`, read once whoever asks."""
    principle = Principle(principle)
    parent, variant = parent_program.facts, variant_program.facts
    findings = {p: _run(c, parent, variant) for p, c in checkers().items()}
    metrics: dict[str, Any] = {p.value: f.as_metrics() for p, f in findings.items()}
    metrics["parse_errors"] = {"parent": parent.parse_errors, "variant": variant.parse_errors}
    collateral = [p for p, f in findings.items() if p != principle and f.confirmed]
    own = findings.get(principle)
    reasons = list(own.reasons) if own else [f"no checker for {principle.value} yet"]
    for p in collateral:
        reasons.append(f"also breaks {p.value}: " + "; ".join(findings[p].reasons[:2]))
    if variant.parse_errors > parent.parse_errors:
        reasons.append(
            f"variant has {variant.parse_errors} parse error node(s) "
            f"(parent {parent.parse_errors}); figures may be partial"
        )
    confirmed = bool(own and own.confirmed)
    verdict: Verdict = "unchecked" if own is None else "confirmed" if confirmed else "not_confirmed"
    return Evidence(
        principle=principle,
        checked=own is not None,
        confirmed=confirmed,
        verdict=verdict,
        collateral=collateral,
        metrics=metrics,
        reasons=reasons,
    )
