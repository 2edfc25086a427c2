"""A program's structure as numbers: the facts declean's evidence already reads, per program.

Each figure is one a reviewer's rule speaks of: unnamed numbers and how often they repeat,
vague names, how large the functions are, how much of the token stream repeats. No parent is
needed: these are what a detector can see in one program.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator.c.facts import Facts, analyse
from generator.c.literals import is_magic
from generator.c.words import is_meaningful, is_neutral
from generator.principles.dry.evidence import SHORT_WINDOW, WINDOW, duplicated_tokens

NAMES = (
    "lines",
    "tokens",
    "functions",
    "helpers",
    "main_statements",
    "largest_statements",
    "largest_decisions",
    "largest_token_share",
    "statements",
    "magic_numbers",
    "distinct_magic_numbers",
    "repeated_magic_numbers",
    "magic_strings",
    "named_constants",
    "declared_names",
    "vague_names",
    "vague_share",
    "single_letter_names",
    "numbered_names",
    "duplicated_share",
    "short_duplicated_share",
    "parse_errors",
    "duplicated_tokens",
    "verdict_DRY",
    "verdict_SRP",
    "verdict_MC",
    "verdict_NAME",
)


def _functions(facts: Facts) -> list[float]:
    funcs = facts.functions
    main = next((f for f in funcs if f.name == "main"), None)
    largest = max(funcs, key=lambda f: f.statements, default=None)
    body = sum(f.body_tokens for f in funcs) or 1
    return [
        len(funcs),
        sum(1 for f in funcs if f.name != "main"),
        main.statements if main else 0,
        largest.statements if largest else 0,
        max((f.decisions for f in funcs), default=0),
        (max(f.body_tokens for f in funcs) / body) if funcs else 0.0,
        sum(f.statements for f in funcs),
    ]


def _literals(facts: Facts) -> list[float]:
    magic = Counter(
        lit.key
        for lit in facts.literals
        if lit.kind == "number" and is_magic(lit.kind, lit.key, lit.io)
    )
    strings = sum(1 for lit in facts.literals if lit.kind == "string" and not lit.io)
    return [
        sum(magic.values()),
        len(magic),
        sum(1 for n in magic.values() if n > 1),
        strings,
        len(facts.constants) + len(facts.named_locals),
    ]


def _names(facts: Facts) -> list[float]:
    names = facts.declared - {"main"}
    vague = [n for n in names if not is_meaningful(n) and not is_neutral(n)]
    return [
        len(names),
        len(vague),
        len(vague) / len(names) if names else 0.0,
        sum(1 for n in vague if len(n) == 1),
        sum(1 for n in vague if any(ch.isdigit() for ch in n)),
    ]


def _repeats(facts: Facts, repeated: int) -> list[float]:
    n = len(facts.tokens) or 1
    return [repeated / n, duplicated_tokens(facts.tokens, SHORT_WINDOW) / n]


def _verdicts(code: str) -> list[float]:
    """The reviewer rules' own severities: the figures their thresholds are set on."""
    from generator.principles.base import verdicts

    said = verdicts(code)
    return [v.severity for v in said.values()]


def features(code: str) -> list[float]:
    facts = analyse(code)
    repeated = duplicated_tokens(facts.tokens, WINDOW)  # a share and a count, counted once
    lines = sum(1 for line in code.splitlines() if line.strip())
    return [
        float(x)
        for x in (
            lines,
            len(facts.tokens),
            *_functions(facts),
            *_literals(facts),
            *_names(facts),
            *_repeats(facts, repeated),
            facts.parse_errors,
            repeated,
            *_verdicts(code),
        )
    ]


def matrix(codes: Iterable[str]) -> list[list[float]]:
    """One row of `NAMES` per program; scikit-learn's FunctionTransformer calls this."""
    return [features(code) for code in codes]
