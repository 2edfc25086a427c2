"""One program told in two places: the same text, or a near twin of it.

A resubmission by the same student is the same program with a few lines changed: token
5-grams shared at `NEAR` or more (Jaccard). Independent solutions of a tiny exercise rarely
reach it (docs/decisions.md, "Near twins of evaluation programs are never roots"). The
course importer keeps twins of an evaluation set out of the roots; the evaluation refuses
an export that holds one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SPACE = re.compile(r"\s+")
NEAR = 0.8
SHINGLE = 5
TOKEN = re.compile(r"\w+|[^\w\s]")


def normalised(code: str) -> str:
    """The program with all white space removed: how one program is told in two places."""
    return SPACE.sub("", code)


def shingles(code: str) -> frozenset[tuple[str, ...]]:
    tokens = TOKEN.findall(code)
    span = SHINGLE - 1
    return frozenset(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - span)))


@dataclass(frozen=True)
class Twins:
    """An index of programs by key (a file, a row id), asked for the twin of another."""

    texts: dict[str, str]  # normalised text -> key
    grams: tuple[tuple[str, frozenset[tuple[str, ...]]], ...]

    @classmethod
    def of(cls, programs: Iterable[tuple[str, str]]) -> Twins:
        """From (key, code) pairs."""
        pairs = list(programs)
        return cls(
            {normalised(code): key for key, code in pairs},
            tuple((key, shingles(code)) for key, code in pairs),
        )

    def twin(self, code: str) -> str | None:
        """The key of a program equal to `code` or a near twin of it, or None."""
        if (key := self.texts.get(normalised(code))) is not None:
            return key
        mine = shingles(code)
        return next((k for k, g in self.grams if len(mine & g) >= NEAR * len(mine | g)), None)

    def __contains__(self, code: str) -> bool:
        return self.twin(code) is not None
