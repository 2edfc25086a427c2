"""`declean split --balance natural`: keep the rows whose label mix is the one real code has.

The lattice makes every label set of every clean program, so each label is on about half the
rows; on real course programs a label is on 7-21% of them. Natural balance drops rows, those
carrying the most over-represented labels first (seeded, so it is repeatable), until no
label's rate is above its target by more than `SLACK`. Clean rows (no label) are never
dropped: they are what real code mostly is.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from generator.dataset.rows import Row
from generator.errors import ConfigError
from generator.principles import Principle

# Label rates of 119 accepted programs of an introductory C course, each labelled by two
# reviewers (docs/decisions.md, "Natural balance").
REAL_RATES = {"DRY": 0.13, "SRP": 0.07, "MC": 0.09, "NAME": 0.21}
SLACK = 1.1
MIN_ROWS = 20


def parse_rates(text: str) -> dict[str, float]:
    """`DRY=0.13,SRP=0.07,...` into a rate per principle; the ones not given keep REAL_RATES."""
    rates = dict(REAL_RATES)
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        name = name.strip().upper()
        if name not in REAL_RATES:
            known = ", ".join(p.value for p in Principle)
            raise ConfigError(f"--rates: unknown principle {name!r} (known: {known})")
        try:
            rates[name] = float(value)
        except ValueError:
            raise ConfigError(f"--rates: {part!r} is not NAME=RATE, e.g. DRY=0.13") from None
        if not 0 < rates[name] < 1:
            raise ConfigError(f"--rates: {name} must be between 0 and 1, got {value}")
    return rates


def _rates(kept: Sequence[Row]) -> dict[str, float]:
    n = len(kept) or 1
    return {name: sum(name in r.labels for r in kept) / n for name in REAL_RATES}


def natural(rows: Sequence[Row], rates: dict[str, float], seed: int = 0) -> list[str]:
    """The ids of the rows to drop."""
    order = list(rows)
    random.Random(seed).shuffle(order)
    kept = {r.id: r for r in order}
    counts = {name: sum(name in r.labels for r in order) for name in rates}
    dropped: list[str] = []
    while len(kept) > MIN_ROWS:
        over = {name: counts[name] / len(kept) / rates[name] for name in rates}
        worst = max(over, key=lambda name: over[name])
        if over[worst] <= SLACK:
            break
        victim = max(
            (r for r in kept.values() if worst in r.labels),
            key=lambda r: sum(over[name] for name in r.labels if name in over),
        )
        del kept[victim.id]
        dropped.append(victim.id)
        for name in victim.labels:
            if name in counts:
                counts[name] -= 1
    return dropped


def rates_of(rows: Sequence[Row], dropped: set[str]) -> dict[str, float]:
    return _rates([r for r in rows if r.id not in dropped])
