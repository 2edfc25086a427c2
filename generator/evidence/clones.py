"""DRY: the variant repeats token sequences that the parent did not.

Clones are found on the abstracted token stream (every identifier and literal is one
token `V`), so a pasted block with renamed variables or other numbers still matches, and
MC or NAME edits leave the stream unchanged. A window of `WINDOW` tokens that occurs at
two places at least `WINDOW` tokens apart marks both places as duplicated.
"""

from __future__ import annotations

from generator.evidence.facts import Facts
from generator.evidence.finding import Finding, pair

WINDOW = 18  # tokens: 14 already flags look-alike helpers, 24 misses a pasted statement
MIN_DISTINCT = 5  # a window of `V , V , V ...` (a data table) is not a clone
MIN_NEW_DUPLICATED = WINDOW  # one new copy of at least one window


def duplicated_tokens(tokens: list[str], window: int = WINDOW) -> int:
    n = len(tokens)
    if n < 2 * window:
        return 0
    where: dict[tuple[str, ...], list[int]] = {}
    for i in range(n - window + 1):
        where.setdefault(tuple(tokens[i : i + window]), []).append(i)
    covered = bytearray(n)
    for gram, starts in where.items():
        if len(starts) < 2 or starts[-1] - starts[0] < window:
            continue
        if len(set(gram)) < MIN_DISTINCT:
            continue
        for s in starts:
            covered[s : s + window] = b"\x01" * window
    return sum(covered)


def check_dry(parent: Facts, variant: Facts) -> Finding:
    p_dup = duplicated_tokens(parent.tokens)
    v_dup = duplicated_tokens(variant.tokens)
    p_share = p_dup / len(parent.tokens) if parent.tokens else 0.0
    v_share = v_dup / len(variant.tokens) if variant.tokens else 0.0
    new = v_dup - p_dup
    confirmed = new >= MIN_NEW_DUPLICATED and v_share > p_share
    finding = Finding(
        confirmed=confirmed,
        signals={
            "tokens": pair(len(parent.tokens), len(variant.tokens)),
            "duplicated_tokens": pair(p_dup, v_dup),
            "duplicated_share": pair(round(p_share, 3), round(v_share, 3)),
        },
        thresholds={
            "window_tokens": WINDOW,
            "new_duplicated_tokens_min": MIN_NEW_DUPLICATED,
            "duplicated_share": "must grow",
        },
    )
    verb = "new duplicated tokens" if new >= 0 else "fewer duplicated tokens"
    finding.reasons.append(
        f"{abs(new)} {verb} ({p_dup} -> {v_dup}, share {p_share:.0%} -> {v_share:.0%}); "
        f"{'enough' if confirmed else 'need ' + str(MIN_NEW_DUPLICATED) + ' and a larger share'}"
    )
    return finding
