"""DRY: the variant repeats token sequences that the parent did not.

Clones are found on the abstracted token stream (identifiers and numbers are one token
`V`; output strings keep their text), so a pasted block with renamed variables or other
numbers still matches, and MC or NAME edits leave the stream nearly unchanged. A window
of tokens that occurs at two places at least a window apart marks both as duplicated.

Two ways to confirm: new duplication of at least one `WINDOW`; or a helper the parent
called from several places is gone, or called from fewer places, and shorter copies
(`SHORT_WINDOW`) appeared, which is how a small helper pasted at its call sites looks (a
helper still called from a condition stays, and the pasted copy repeats its body).
"""

from __future__ import annotations

from generator.c.facts import Facts, callers, removed_helpers
from generator.evidence.finding import Finding, pair

# Why 17 and 10: docs/decisions.md, "Clone windows".
WINDOW = 17
SHORT_WINDOW = 10
MIN_DISTINCT = 5  # a window of `V , V , V ...` (a data table) is not a clone


def duplicated_tokens(tokens: list[str], window: int = WINDOW) -> int:
    return sum(covered(tokens, window))


def covered(tokens: list[str], window: int = WINDOW) -> bytearray:
    """1 for each token inside a run of `window` tokens that occurs again a window away."""
    n = len(tokens)
    if n < 2 * window:
        return bytearray(n)
    where: dict[tuple[str, ...], list[int]] = {}
    for i in range(n - window + 1):
        where.setdefault(tuple(tokens[i : i + window]), []).append(i)
    marks = bytearray(n)
    for gram, starts in where.items():
        if len(starts) < 2 or starts[-1] - starts[0] < window:
            continue
        if len(set(gram)) < MIN_DISTINCT:
            continue
        for s in starts:
            marks[s : s + window] = b"\x01" * window
    return marks


def _share(dup: int, tokens: list[str]) -> float:
    return dup / len(tokens) if tokens else 0.0


def fewer_calls(parent: Facts, variant: Facts) -> list[str]:
    """Helpers the parent called from several places that the variant still defines but
    calls less: some of their calls were replaced by a copy of the body."""
    before, after = callers(parent), callers(variant)
    kept = {f.name for f in variant.functions}
    return sorted(n for n, k in before.items() if k > 1 and n in kept and after[n] < k)


def check_dry(parent: Facts, variant: Facts) -> Finding:
    p_dup, v_dup = duplicated_tokens(parent.tokens), duplicated_tokens(variant.tokens)
    p_share, v_share = _share(p_dup, parent.tokens), _share(v_dup, variant.tokens)
    new = v_dup - p_dup
    long_clones = new >= WINDOW and v_share > p_share
    _, _, gone = removed_helpers(parent, variant)
    pasted = gone + fewer_calls(parent, variant)
    p_short = v_short = 0
    if pasted:
        p_short = duplicated_tokens(parent.tokens, SHORT_WINDOW)
        v_short = duplicated_tokens(variant.tokens, SHORT_WINDOW)
    pasted_helper = bool(pasted) and v_short - p_short >= SHORT_WINDOW
    confirmed = long_clones or pasted_helper
    finding = Finding(
        confirmed=confirmed,
        signals={
            "tokens": pair(len(parent.tokens), len(variant.tokens)),
            "duplicated_tokens": pair(p_dup, v_dup),
            "duplicated_share": pair(round(p_share, 3), round(v_share, 3)),
            "short_duplicated_tokens": pair(p_short, v_short),
        },
        thresholds={
            "window_tokens": WINDOW,
            "new_duplicated_tokens_min": WINDOW,
            "duplicated_share": "must grow",
            "short_window_tokens": SHORT_WINDOW,
            "short_window_applies": (
                "only when a helper called from several places is gone or called less"
            ),
        },
        details={"pasted_helpers": pasted},
    )
    verb = "new duplicated tokens" if new >= 0 else "fewer duplicated tokens"
    finding.reasons.append(
        f"{abs(new)} {verb} ({p_dup} -> {v_dup}, share {p_share:.0%} -> {v_share:.0%})"
    )
    if pasted:
        finding.reasons.append(
            f"helper(s) called from several places gone or called less "
            f"({', '.join(pasted[:3])}); "
            f"short duplicated tokens {p_short} -> {v_short}"
        )
    if not confirmed:
        finding.reasons.append(
            f"not enough new duplication (need {WINDOW} new tokens in {WINDOW}-token clones)"
        )
    return finding


def point(facts: Facts) -> str | None:
    """What the demo shows under a DRY label: how much of the code repeats itself."""
    dup = duplicated_tokens(facts.tokens)
    if not dup:
        return None
    share = dup / len(facts.tokens)
    return f"{share:.0%} of the code repeats a run of {WINDOW}+ tokens found elsewhere in it"
