"""NAME: meaningful names of the parent gave way to vague ones in the variant."""

from __future__ import annotations

from generator.c.facts import Facts
from generator.c.words import is_meaningful, is_neutral
from generator.evidence.finding import Finding, listing, pair

MIN_LOST = 2  # or half of the parent's meaningful names, for very small programs


def _declared(facts: Facts) -> set[str]:
    return facts.declared - {"main"}


def check_name(parent: Facts, variant: Facts) -> Finding:
    p_names, v_names = _declared(parent), _declared(variant)
    p_meaningful = {n for n in p_names if is_meaningful(n)}
    v_meaningful = {n for n in v_names if is_meaningful(n)}
    # Pair what disappeared with what appeared: a rename shows on both sides, while an
    # inlined helper (SRP, DRY) or a removed #define (MC) only takes names away.
    gone = sorted(p_meaningful - v_names)
    new_vague = sorted(n for n in v_names - p_names if not is_meaningful(n) and not is_neutral(n))
    lost = min(len(gone), len(new_vague))
    confirmed = lost >= MIN_LOST or (lost >= 1 and 2 * lost >= len(p_meaningful))
    finding = Finding(
        confirmed=confirmed,
        signals={
            "declared_names": pair(len(p_names), len(v_names)),
            "meaningful_names": pair(len(p_meaningful), len(v_meaningful)),
            "vague_names": pair(len(p_names - p_meaningful), len(v_names - v_meaningful)),
        },
        thresholds={"names_lost_min": MIN_LOST, "or_share_of_meaningful_min": 0.5},
        details={
            "meaningful_gone": gone,
            "vague_new": new_vague,
            "names_lost": lost,
            "same_structure": parent.tokens == variant.tokens,
        },
    )
    if lost:
        finding.reasons.append(
            f"{lost} meaningful name(s) replaced by vague ones: "
            f"{', '.join(gone[:4])} -> {', '.join(new_vague[:4])}"
        )
    if not confirmed:
        finding.reasons.append(
            f"too few names lost meaning ({lost}; {len(gone)} meaningful gone, "
            f"{len(new_vague)} vague new)"
        )
    return finding


def point(facts: Facts) -> str | None:
    """What the demo shows under a NAME label: the names that say nothing."""
    vague = sorted(n for n in _declared(facts) if not is_meaningful(n) and not is_neutral(n))
    if not vague:
        return None
    return f"names that say nothing: {listing(vague)}"
