"""Per principle: did the analysers' figures move from parent to variant the way a violation
would? Always relative to the parent, because clean programs already score: clang-tidy calls
the numbers of a data table in `main` magic, and jscpd pairs similar short functions.

- MC: clang-tidy reports a magic number the parent did not have (counted per literal, so a
  table the variant left alone adds nothing).
- NAME: more readability-identifier-length findings than the parent.
- SRP: lizard counts fewer functions and the largest one grew (lizard NLOC, or clang-tidy's
  statement count or cognitive complexity of the largest function).
- DRY: more duplication (jscpd duplicated tokens, ignoring identifiers and literals, or lizard
  duplicate blocks) and a different token count. The second part is there because a pure
  renaming can make jscpd pair two blocks it did not pair before, and a renaming adds no
  token, while copying code always changes the count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from generator.independent.tools import Figures, magic_counts, measure, summary, versions
from generator.principles import Principle

# Absolute flags for base rates: thresholds suited to programs of 30 to 100 lines (the
# checks' defaults, e.g. 800 statements, never fire on them).
FUNCTION_LINES = 40
FUNCTION_STATEMENTS = 30
FUNCTION_BRANCHES = 10
FUNCTION_NESTING = 3
COGNITIVE = 10
LIZARD_CCN = 10
LIZARD_NLOC = 30


def analysers() -> dict[str, Principle]:
    """Each analyser finding and the principle it counts for, from the principles' registry."""
    from generator.principles.base import rules

    return {name: p for p, r in rules().items() for name in r.analysers}


class Independent(BaseModel):
    confirmed: list[Principle] = Field(default_factory=list)  # moved the way a violation would
    metrics: dict[str, Any] = Field(default_factory=dict)  # per tool: signal -> parent, variant

    def disagrees(self, labels: list[Principle]) -> list[Principle]:
        """The labels the analysers did not back."""
        return [p for p in labels if p not in self.confirmed]


def _largest(fig: Figures, key: str) -> int:
    return max((f.get(key, 0) for f in fig.clang_tidy.functions.values()), default=0)


def new_magic_numbers(parent: Figures, variant: Figures) -> list[str]:
    before, after = magic_counts(parent), magic_counts(variant)
    return sorted(v for v in after if after[v] > before.get(v, 0))


def moved(parent: Figures, variant: Figures) -> dict[Principle, bool]:
    p, v = parent, variant
    srp_grew = (
        v.lizard.max_nloc > p.lizard.max_nloc
        or _largest(v, "statements") > _largest(p, "statements")
        or _largest(v, "cognitive") > _largest(p, "cognitive")
    )
    more_duplication = (
        v.jscpd.duplicated_tokens > p.jscpd.duplicated_tokens
        or v.lizard.duplicate_blocks > p.lizard.duplicate_blocks
    )
    return {
        Principle.DRY: more_duplication and v.lizard.tokens != p.lizard.tokens,
        Principle.SRP: v.lizard.functions < p.lizard.functions and srp_grew,
        Principle.MC: bool(new_magic_numbers(p, v)),
        Principle.NAME: len(v.clang_tidy.short_names) > len(p.clang_tidy.short_names),
    }


def verdict(parent: Figures, variant: Figures) -> Independent:
    before, after = summary(parent), summary(variant)
    metrics: dict[str, Any] = {
        tool: {k: {"parent": before[tool][k], "variant": after[tool][k]} for k in figures}
        for tool, figures in after.items()
    }
    metrics["new"] = {
        "magic_numbers": new_magic_numbers(parent, variant),
        "short_names": sorted(
            set(variant.clang_tidy.short_names) - set(parent.clang_tidy.short_names)
        ),
    }
    metrics["versions"] = versions()
    confirmed = [p for p, yes in moved(parent, variant).items() if yes]
    return Independent(confirmed=confirmed, metrics=metrics)


def judge(parent_code: str, variant_code: str, cache_dir: Path | None = None) -> Independent:
    figures = measure([parent_code, variant_code], cache_dir)
    from generator.independent.cache import code_hash

    return verdict(figures[code_hash(parent_code)], figures[code_hash(variant_code)])


def flags(fig: Figures) -> dict[str, tuple[bool, int]]:
    """What each analyser says of one program on its own: (flagged, its figure)."""
    functions = fig.clang_tidy.functions.values()
    too_big = sum(
        1
        for f in functions
        if f["lines"] > FUNCTION_LINES
        or f["statements"] > FUNCTION_STATEMENTS
        or f["branches"] > FUNCTION_BRANCHES
        or f["nesting"] > FUNCTION_NESTING
    )
    complex_ = sum(1 for f in functions if f["cognitive"] > COGNITIVE)
    lz = fig.lizard
    return {
        "clang-tidy readability-magic-numbers": (
            bool(fig.clang_tidy.magic_numbers),
            len(fig.clang_tidy.magic_numbers),
        ),
        "clang-tidy readability-identifier-length": (
            bool(fig.clang_tidy.short_names),
            len(fig.clang_tidy.short_names),
        ),
        "clang-tidy readability-function-size": (too_big > 0, too_big),
        "clang-tidy readability-function-cognitive-complexity": (complex_ > 0, complex_),
        "lizard function size": (
            lz.max_nloc > LIZARD_NLOC or lz.max_ccn > LIZARD_CCN,
            lz.max_nloc,
        ),
        "lizard duplicates": (lz.duplicate_blocks > 0, lz.duplicate_blocks),
        "jscpd clones": (fig.jscpd.clones > 0, fig.jscpd.clones),
    }
