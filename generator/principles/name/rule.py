"""NAME, meaningful names: locals, parameters and functions renamed to vague names.

Procedural edit `vague_rename`: a seeded subset (two or three) of the program's meaningful
names is renamed everywhere it is spelled as an identifier, each to a vague name drawn,
seeded, from the way students name things. The vocabulary follows the most frequent short
identifiers in 1,500 correct submissions of C-Pack-IPAs (introductory C assignments):
single letters and numbered names first, then num, cont, temp, res, vec, str, aux. The
loop indices i, j, k are left out: the evidence counts them as neutral, neither lost nor
gained meaning. Functions get the names students give functions (f, func, calc, aux).
"""

from __future__ import annotations

from random import Random
from typing import TYPE_CHECKING, Any

from generator.c.program import Program
from generator.c.syntax import declarator_name, function_name, replace_spans, text, walk
from generator.c.words import is_meaningful, is_neutral
from generator.principles import Principle
from generator.principles.base import MAX_NAMES, Edit, NotApplicable, Rule, joined
from generator.principles.name import verdict as name_verdict
from generator.principles.name.evidence import check_name, point
from generator.records import Reason

if TYPE_CHECKING:
    from generator.c.pieces import Piece
    from generator.context import Context
    from generator.prompts import Template
    from generator.records import Sample

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
MAX_RENAMED = 3  # a student leaves a few vague names, never renames a whole program at once


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
    count = rng.randint(MIN_RENAMED, min(MAX_RENAMED, len(names)))
    chosen = sorted(rng.sample(names, count))
    funcs = set(program.functions)
    mapping = vague_names(rng, [(n, n in funcs) for n in chosen], program.words)
    assert all(not is_meaningful(v) and not is_neutral(v) for v in mapping.values())
    return Edit(Program(rename(program, mapping)), "vague_rename", {"renamed": mapping})


# The LLM editor: one request per top-level piece, naming only the renames that piece
# needs; the pieces' answers then agree on every name they share.


def rename_map(program: Program) -> dict[str, str]:
    """Each name the request spoils, with a short meaningless one of its own.

    Told "rename these to names such as a, b, f1", a small model gave two functions the same
    name (docs/decisions.md, "The LLM editor asks for small pieces"). Distinct new names that
    the program does not already use leave it only the renaming to do."""
    facts = program.facts
    taken = set(facts.declared) | set(facts.idents)
    funcs = {f.name for f in facts.functions}
    fresh_funcs = (f"f{i}" for i in range(1, 100) if f"f{i}" not in taken)
    letters = [c for c in "abcdefghjkmpqrstuvwxyz" if c not in taken]
    fresh_vars = iter(letters + [f"v{i}" for i in range(1, 100) if f"v{i}" not in taken])
    return {
        n: next(fresh_funcs) if n in funcs else next(fresh_vars)
        for n in targets(program)[:MAX_NAMES]
    }


def phrase(edits: dict[str, str]) -> str:
    """'`count` to `n` and `values` to `a`': quoted, since a program's own `from` and `to`
    made "from to b" unreadable (seen on towers-of-hanoi)."""
    return joined([f"`{old}` to `{new}`" for old, new in edits.items()])


def _renamed(before: Piece, after: Program, edits: dict[str, str]) -> bool:
    """The answer is the piece with names changed and nothing else, each name one way, no
    two names merged into one; not necessarily the renames asked for. Measured on the 1.5B
    model: asked for four renames, it renamed the parameters a, b, c, d in order, or
    renamed `values` to `a` as in the worked example beside an asked `count` to `a`; a pure
    renaming keeps the program's behaviour, and the evidence check judges whether the
    names lost meaning."""
    from generator.c.pieces import renaming

    return bool(renaming(before.program, after))


async def ask(
    ctx: Context, s: Sample, program: Program, tpl: Template, names: list[str]
) -> Program:
    from generator.c import pieces
    from generator.principles.small_edits import Retry, rewrite_pieces

    edits = rename_map(program)
    parts = pieces.pieces(program)
    done = await rewrite_pieces(
        ctx,
        s,
        parts,
        edits,
        render=lambda piece, mine: tpl.render(code=piece.text, renames=phrase(mine)),
        expect=lambda piece, mine: mine.get(piece.function or "", piece.function),
        as_asked=_renamed,
    )
    done = consistent(s, parts, done)
    if not done:
        raise Retry(Reason.NO_OP, "no piece of the program took the NAME edit")
    return pieces.put_back(program, done, parts)


def consistent(s: Sample, parts: list[Piece], done: dict[int, Program]) -> dict[int, Program]:
    """The renamed pieces, with every top-level name (function, global, type, field) that
    more than one piece uses spelled one way: one the pieces renamed differently (or one
    renamed and one not) is spelled the old way again everywhere, as a function renamed
    in its definition and not in its caller would not compile. Recorded as a repair."""
    from generator.c.pieces import identifiers, renaming, revert

    sent = {p.start: p for p in parts if p.sendable}
    names = {start: identifiers(p.program) for start, p in sent.items()}
    # Functions, and what the declarations between them name (globals, types, fields):
    # a local variable of one function may be renamed its own way in each.
    top = {p.function for p in parts if p.function}
    top |= set().union(*(names[p.start] for p in parts if p.sendable and not p.function))
    shared = {n for n in top if sum(n in v for v in names.values()) > 1}
    kept: set[str] = set()
    while True:
        maps = {start: renaming(sent[start].program, got) or {} for start, got in done.items()}
        split = {
            n
            for n in shared
            if len({maps.get(start, {}).get(n, n) for start, v in names.items() if n in v}) > 1
        }
        if not split:
            break
        kept |= split
        for start, got in done.items():
            undo = {maps[start][n]: n for n in split if n in maps[start]}
            done[start] = revert(got, undo) if undo else got
        done = {start: got for start, got in done.items() if got.code != sent[start].text}
    if kept:
        s.repairs.append(f"kept the names {', '.join(sorted(kept))}: pieces renamed them apart")
    return done


def touched(details: dict[str, Any], transform: str | None) -> dict[str, set[str]]:
    return {"vague_names": set(details.get("vague_new") or [])}


RULE = Rule(
    principle=Principle.NAME,
    verdict=name_verdict.verdict,
    check=check_name,
    procedural=procedural,
    targets=targets,
    why_not=f"fewer than {MIN_RENAMED} meaningful names are left to spoil",
    ask=ask,
    touched=touched,
    transform="vague_rename",
    meaning="meaningless or misleading names",
    short="names that say nothing",
    analysers=("clang-tidy readability-identifier-length",),
    point=point,
)
