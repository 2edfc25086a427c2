"""NAME, meaningful names: locals, parameters and functions renamed to vague names.

Procedural edit `vague_rename`: a seeded subset (at least two) of the program's meaningful
names is renamed everywhere it is spelled as an identifier, each to a vague name drawn,
seeded, from the way students name things. The vocabulary follows the most frequent short
identifiers in 1,500 correct submissions of C-Pack-IPAs (introductory C assignments):
single letters and numbered names first, then num, cont, temp, res, vec, str, aux. The
loop indices i, j, k are left out: the evidence counts them as neutral, neither lost nor
gained meaning. Functions get the names students give functions (f, func, calc, aux).
"""

from __future__ import annotations

from random import Random

from generator.evidence.names import check_name
from generator.evidence.words import is_meaningful, is_neutral
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule
from generator.syntax import Program, declarator_name, function_name, replace_spans, text, walk

# name -> relative frequency (rank-ordered as in the corpus; weights fall off like it does)
VARIABLES: dict[str, int] = {
    "n": 40, "c": 30, "s": 24, "m": 20, "a": 20, "b": 18, "x": 17, "v": 15, "y": 13,
    "l": 11, "h": 10, "N": 10, "num": 12, "num1": 8, "num2": 8, "n1": 8, "n2": 7, "n3": 4,
    "cont": 8, "temp": 7, "res": 7, "vec": 6, "str": 6, "aux": 6, "t": 6, "p": 6, "q": 4,
    "d": 5, "e": 4, "r": 5, "w": 3, "z": 3, "val": 4, "tmp": 4, "x2": 3, "a1": 3,
    "a2": 3, "s1": 3, "s2": 3, "var": 3, "num3": 2, "c1": 2, "c2": 2, "v1": 2, "v2": 2,
}  # fmt: skip
FUNCTIONS: dict[str, int] = {
    "f": 12, "func": 8, "calc": 6, "aux": 5, "f1": 5, "f2": 5, "g": 4, "proc": 3, "fun": 3,
    "h": 3, "func1": 3, "func2": 3, "process": 2, "doit": 2, "helper": 2, "compute": 2,
}  # fmt: skip
MIN_RENAMED = 2


def targets(program: Program) -> list[str]:
    """Meaningful names a rename can spoil, functions first (a renamed function shows at
    every call, so it is rarely half done): not main, constants, macros, fields or types,
    nor a name a macro body spells (that text is not parsed)."""
    facts = program.facts
    spelled = program.spelled()
    skip = set(facts.constants) | {"main"} | set(program.macro_words)
    funcs, rest = [], []
    for node in walk(program.root):
        if node.type == "function_definition":
            funcs.append(function_name(node) or "")
        elif node.type in ("parameter_declaration", "declaration"):
            for d in node.children_by_field_name("declarator"):
                if _declares_function(d):
                    continue
                rest.append(text(declarator_name(d)))
    out: list[str] = []
    for name in funcs + sorted(set(rest)):
        if not name or name in out or name in skip or name.isupper():
            continue
        if spelled.get(name, set()) != {"identifier"} or not is_meaningful(name):
            continue  # also a field or a type name: spelled apart, it would not all go
        out.append(name)
    return out


def _declares_function(d: object) -> bool:
    node = d
    while node is not None and node.type in ("pointer_declarator", "init_declarator"):  # type: ignore[attr-defined]
        node = node.child_by_field_name("declarator")  # type: ignore[attr-defined]
    return node is not None and node.type == "function_declarator"  # type: ignore[attr-defined]


def vague_names(
    rng: Random, wanted: list[tuple[str, bool]], taken: set[str] | frozenset[str]
) -> dict[str, str]:
    """A vague name for each (name, is_function), drawn by weight without repeats, none
    spelled anywhere in the program; a taken name gets a number (`n` -> `n4`)."""
    used = set(taken)
    out = {}
    for name, is_function in wanted:
        vocabulary = FUNCTIONS if is_function else VARIABLES
        pool = [w for w in vocabulary if w not in used]
        if pool:
            pick = rng.choices(pool, weights=[vocabulary[w] for w in pool])[0]
        else:
            base = rng.choices(list(vocabulary), weights=list(vocabulary.values()))[0]
            pick = next(f"{base}{k}" for k in range(3, 10_000) if f"{base}{k}" not in used)
        used.add(pick)
        out[name] = pick
    return out


def rename(program: Program, mapping: dict[str, str]) -> str:
    spots = program.identifiers(set(mapping))
    edits = [(n.start_byte, n.end_byte, mapping[text(n)]) for n in spots]
    return replace_spans(program.code, edits)


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    names = targets(program)
    if len(names) < MIN_RENAMED:
        return NotApplicable(RULE.why_not)
    chosen = sorted(rng.sample(names, rng.randint(MIN_RENAMED, len(names))))
    funcs = set(program.functions)
    mapping = vague_names(rng, [(n, n in funcs) for n in chosen], program.words)
    assert all(not is_meaningful(v) and not is_neutral(v) for v in mapping.values())
    return Edit(rename(program, mapping), "vague_rename", {"renamed": mapping})


RULE = Rule(
    principle=Principle.NAME,
    targets=targets,
    why_not=f"fewer than {MIN_RENAMED} meaningful names are left to spoil",
    procedural=procedural,
    check=check_name,
    request="pieces",
    transform="vague_rename",
)
