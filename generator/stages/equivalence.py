"""Deterministic output comparison: exact after normalising line endings and trailing
whitespace, numbers equal within a tolerance. A near miss (similar but not equal) is what
may go to the LLM judge; everything else is decided here."""

from __future__ import annotations

import difflib
import math
import re

from pydantic import BaseModel

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


class Comparison(BaseModel):
    equal: bool
    similarity: float  # 0..1 over all inputs, 1 when equal
    mismatches: list[int]  # indices of inputs whose outputs differ


def normalise(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def _numbers_close(a: str, b: str, rel_tol: float, abs_tol: float) -> bool:
    """Same text once numbers are masked, and every number pair within tolerance."""
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    xs, ys = NUMBER.findall(a), NUMBER.findall(b)
    return len(xs) == len(ys) and all(
        math.isclose(float(x), float(y), rel_tol=rel_tol, abs_tol=abs_tol)
        for x, y in zip(xs, ys, strict=True)
    )


def same_output(a: str, b: str, rel_tol: float = 1e-6, abs_tol: float = 1e-9) -> bool:
    na, nb = normalise(a), normalise(b)
    return na == nb or _numbers_close(na, nb, rel_tol, abs_tol)


def compare(
    reference: list[str], candidate: list[str], rel_tol: float = 1e-6, abs_tol: float = 1e-9
) -> Comparison:
    if len(reference) != len(candidate):
        return Comparison(equal=False, similarity=0.0, mismatches=list(range(len(reference))))
    mismatches = [
        i
        for i, (r, c) in enumerate(zip(reference, candidate, strict=True))
        if not same_output(r, c, rel_tol, abs_tol)
    ]
    if not mismatches:
        return Comparison(equal=True, similarity=1.0, mismatches=[])
    ratios = [
        1.0
        if i not in mismatches
        else difflib.SequenceMatcher(None, normalise(r), normalise(c), autojunk=False).ratio()
        for i, (r, c) in enumerate(zip(reference, candidate, strict=True))
    ]
    return Comparison(equal=False, similarity=min(ratios), mismatches=mismatches)
