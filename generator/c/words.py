"""Does an identifier carry meaning? A small, deterministic judgement with no dictionary file.

A name is meaningful when one of its parts (split on `_`, camelCase and digits) is a real
word: a known short word or abbreviation (`len`, `row`, `sum`), or any part of four letters
or more with a vowel that is not a filler (`data`, `stuff`, `temp`, `process`). Words of
any language count: `soma`, `contador` and `maior` are Portuguese for sum, counter and
largest. Two shapes are vague although their part is a known abbreviation: a bare one of
the catch-all abbreviations (`num`, `vec`, `str`, `cont`) and a numbered short stem
(`num1`, `n2`, `x1`), the names that fill introductory student code.
"""

from __future__ import annotations

import re

# Short parts that do carry meaning in C programs.
_SHORT_WORDS = """
id io ok op fd fp ch pi abs acc add age all alt any arg avg bin bit box buf cap cat cell chr
cmd col cnt cos cur day dec deg del den dir div dst end eof err exp fib fmt gap gcd get hex
hit idx inc key lcm len lhs lim log low map max mid min mod msg neg new now num odd off old
out pad pos pow pre prv put qty raw rem rhs row run sec seq set sgn sin sqr src std str sub
sum tab tan tax top url use vec win yes zip ptr nxt mat lst
"""
SHORT_WORDS = frozenset(_SHORT_WORDS.split())
# Parts that look like words but say nothing about what the thing is.
_FILLERS = """
data info stuff thing things tmp temp var vars val vals foo bar baz qux quux func fn fun
funct proc process do doit does my obj helper handle util utils misc arr aux dummy blah xyz
abc some other whatever junk calc compute work method routine thingy res ret result value
number
"""
FILLERS = frozenset(_FILLERS.split())
# Bare abbreviations students name anything with: alone, they say at most what kind of
# value it is (a number, a vector, a string, a counter), not what it is for. In a longer
# name (`str_len`, `num_rows`) the other part carries the meaning.
_BARE = "num vec str cont val var arr lst mat tmp temp aux res ret"
BARE = frozenset(_BARE.split())
NUMBERED_MAX = 3  # `num1`, `n2`, `x1`, `vec2`: a short stem and a number is a numbered name
# Conventional loop indices: neither a loss nor a gain of meaning.
NEUTRAL = frozenset(["i", "j", "k"])

_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def parts(name: str) -> list[str]:
    return [p.lower() for p in _PARTS.findall(name) if not p.isdigit()]


def is_neutral(name: str) -> bool:
    ps = parts(name)
    return len(ps) == 1 and ps[0] in NEUTRAL


def is_meaningful(name: str) -> bool:
    ps = parts(name)
    if len(ps) == 1 and (ps[0] in BARE or (_numbered(name) and len(ps[0]) <= NUMBERED_MAX)):
        return False
    return any(_is_word(p) for p in ps)


def _numbered(name: str) -> bool:
    return any(ch.isdigit() for ch in name)


def _is_word(part: str) -> bool:
    if part in FILLERS:
        return False
    if part in SHORT_WORDS:
        return True
    return len(part) >= 4 and any(v in part for v in "aeiou") and len(set(part)) > 1


def joined(names: list[str]) -> str:
    """ "a, b and c": how a list of names reads in a prompt."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
