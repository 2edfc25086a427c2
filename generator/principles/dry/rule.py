"""DRY, don't repeat yourself: the same logic written out more than once.

Procedural edits, the transform chosen by seed among those the program offers, then the
place:
- `paste_helper`: a helper called from several places is pasted at its call sites with its
  parameters bound (one it assigns becomes a local copy in a block of each paste's own),
  and dropped when nothing calls it (reverse Extract Method, as SmellBench makes
  duplicated code);
- `copy_modify`: a helper called from several places is copied for one of its callers,
  under a name of its own and with a parameter renamed, and that caller calls the copy (the
  copy-paste-modify students do instead of reusing a function);
- `unroll_loop`: a short counted loop (`for (int i = 0; i < 3; i++)`) is written out as one
  copy of its body per pass, the index replaced by its value, which is how students repeat
  statements for similar items. Only loops of two or three passes from 0: the indices 0, 1
  and 2 are values the MC check ignores, so the copy is DRY and nothing else;
- `duplicate_tail`: the statements after an `if` (the rest of the block, or a seeded run of
  them) copied into each branch of its else-if chain, an `else` added for them when there
  was none: the same closing lines written at the end of every case;
- `peel_loop`: a loop's first pass written out before it (`if (c) B while (c) B`, the `for`
  with its init before and its step after the copy, `do B while (c)` as `B while (c) B`), as
  students write the first element apart to start a maximum or a running total;
- `split_condition`: `if (a || b) X` as `if (a) X else if (b) X`, the same branch once per
  case, as students write each invalid input or each vowel apart.
The model's own clean solutions seldom call a helper twice, so the copies inside one
function (loops, tails, cases) are what most programs offer. The last three live in
`copies.py`, and are offered only where the evidence confirms the
copy (as DRY, and as nothing else).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from random import Random
from typing import TYPE_CHECKING, Any

from generator.c.program import Program
from generator.c.syntax import declarator_name, replace_spans, text, walk
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule
from generator.principles.dry import copies
from generator.principles.dry import verdict as dry_verdict
from generator.principles.dry.copies import duplicate_tail, peel_loop, split_condition
from generator.principles.dry.evidence import SHORT_WINDOW, WINDOW, check_dry, point

if TYPE_CHECKING:
    from tree_sitter import Node

    from generator.c.facts import Function
    from generator.context import Context
    from generator.prompts import Template
    from generator.records import Sample

MAX_PASSES = 5  # a longer run of copies is not what a student writes out by hand
ASSIGNING = ("assignment_expression", "update_expression")


def pastes(program: Program, own_locals: bool = False) -> dict[str, Program]:
    """Helpers whose faithful paste at their calls the DRY check confirms, best first, each
    with that paste (the procedural editor's edit, already checked and parsed): called from
    two places or more, not recursive, long enough, with a body that pastes as statements,
    and no parameter the body assigns unless `own_locals` (the procedural editor: such a
    parameter becomes a local copy in each pasted block)."""
    from generator.c import paste
    from generator.c.facts import callers

    calls = callers(program.facts)
    body = {f.name: f for f in program.facts.functions if f.name != "main"}
    sites = {
        n: paste.paste_sites(program, n, expressions=True)
        for n, k in calls.items()
        if k >= 2 and n in body and not body[n].calls[n] and _long_enough(body[n])
        if paste.inlinable(program, n) and (own_locals or not paste.modified_parameters(program, n))
    }
    fit = sorted((n for n, at in sites.items() if at), key=lambda n: -calls[n] * body[n].statements)
    found = {n: paste.confirmed(program, n, sites[n], check_dry, own_locals) for n in fit}
    return {n: variant for n, variant in found.items() if variant is not None}


def paste_targets(program: Program, own_locals: bool = False) -> list[str]:
    """The helpers of `pastes`, best first."""
    return list(pastes(program, own_locals))


MIN_PASTED_TOKENS = SHORT_WINDOW + 2  # a shorter copy is no clone to the DRY check


def _long_enough(f: Function) -> bool:
    # Two statements, or one long one: a single printf wrapper pasted five times is five
    # 9-token copies, which the evidence rightly does not call duplication, but pasting
    # `printf("%ld.%02ld", cents / CENTS_PER_EURO, cents % CENTS_PER_EURO)` is. Measured on
    # the 1.5B model's invoice: `return subtotal * (1 - rate) * rate;` (10 tokens) written
    # out for each rate was not confirmed: the two call lines already looked alike.
    return f.statements >= 2 or f.body_tokens >= MIN_PASTED_TOKENS


def targets(program: Program) -> list[str]:
    """The one helper the LLM editor is asked to paste. One: pasting a single helper at its
    call sites is an edit the 1.5B model can finish. A helper called from one place would be
    pasted once (no duplicate); a recursive one cannot be pasted (measured: the model deleted
    binary_search and pasted nothing); a short body pastes into copies too short to count as
    clones; its body must paste as plain statements (no early return) or be one expression.
    """
    return paste_targets(program)[:1]


def paste(name: str, variant: Program) -> Edit:
    """The edit of a paste of `name` that `pastes` found and checked."""
    gone = name not in variant.functions
    repairs = [f"removed {name}: pasted, no longer called"] if gone else []
    return Edit(variant, "paste_helper", {"pasted": name}, repairs)


def loops(program: Program) -> list[tuple[object, str, int]]:
    """Counted loops that unroll into copies the DRY check sees: (node, index, passes)."""
    from generator.c.pieces import constant_values

    values = constant_values(program)
    out = []
    for node in walk(program.root):
        if node.type != "for_statement":
            continue
        found = _counted(node, values)
        if found is not None:
            out.append((node, *found))
    return out


def _counted(node: object, values: dict[str, str]) -> tuple[str, int] | None:
    header = _header(node, values)
    body = node.child_by_field_name("body")  # type: ignore[attr-defined]
    if header is None or body is None or not _index_untouched(body, header[0]):
        return None
    if len(_tokens(body)) < WINDOW:
        return None  # copies shorter than a clone window are no duplication to the check
    return header


def _header(node: object, values: dict[str, str]) -> tuple[str, int] | None:
    """`for (int i = a; i < b; i++)` with literal (or constant) a and b: (i, passes)."""
    init = node.child_by_field_name("initializer")  # type: ignore[attr-defined]
    cond = node.child_by_field_name("condition")  # type: ignore[attr-defined]
    update = node.child_by_field_name("update")  # type: ignore[attr-defined]
    if init is None or cond is None or update is None or init.type != "declaration":
        return None
    decls = init.children_by_field_name("declarator")
    if len(decls) != 1 or decls[0].type != "init_declarator":
        return None
    first = text(decls[0].child_by_field_name("value"))
    index = text(decls[0].child_by_field_name("declarator"))
    if cond.type != "binary_expression" or text(cond.child_by_field_name("left")) != index:
        return None
    op = text(cond.child_by_field_name("operator"))
    bound = text(cond.child_by_field_name("right"))
    bound = values.get(bound, bound)
    if op not in ("<", "<=") or not bound.isdigit() or not first.isdigit():
        return None
    passes = int(bound) - int(first) + (op == "<=")
    if not 2 <= passes <= MAX_PASSES or text(update) not in (f"{index}++", f"++{index}"):
        return None
    return index, passes


def _index_untouched(body: object, index: str) -> bool:
    """The body never jumps out, assigns the index or takes its address."""
    for n in walk(body):  # type: ignore[arg-type]
        if n.type in ("break_statement", "continue_statement", "goto_statement"):
            return False
        if n.type in ASSIGNING:
            target = n.child_by_field_name("left") or n.child_by_field_name("argument")
            if text(target) == index:
                return False
        if n.type == "pointer_expression" and text(n.child_by_field_name("argument")) == index:
            return False
    return True


def _tokens(node: object) -> list[object]:
    return [n for n in walk(node) if not n.children]  # type: ignore[arg-type]


def unroll(program: Program, node: object, index: str, passes: int) -> Edit:
    """The loop written out: its index declared as in the loop, then each pass's body and
    the step. No new literal appears (the copies count by `index++`), so the copies are
    DRY and not MC. In a block of its own when the enclosing block declares `index` too."""
    body = node.child_by_field_name("body")  # type: ignore[attr-defined]
    init = node.child_by_field_name("initializer")  # type: ignore[attr-defined]
    indent = _indent(program.code, node.start_byte)  # type: ignore[attr-defined]
    piece = text(body) if body.type == "compound_statement" else "{ " + text(body) + " }"
    lines = [text(init).rstrip(";") + ";"]
    for k in range(passes):
        lines.append(piece)
        if k < passes - 1:
            lines.append(f"{index}++;")
    if _declared_around(node, index):
        inner = f"\n{indent}    ".join(x.replace("\n", "\n    ") for x in lines)
        block = "{\n" + indent + "    " + inner + "\n" + indent + "}"
    else:
        block = f"\n{indent}".join(lines)
    code = replace_spans(program.code, [(node.start_byte, node.end_byte, block)])  # type: ignore[attr-defined]
    return Edit(Program(code), "unroll_loop", {"unrolled": index, "passes": passes})


def _declared_around(node: object, name: str) -> bool:
    """`name` declared elsewhere in the function holding `node` (a second declaration in
    one block would not compile)."""
    top = node
    while top.parent is not None and top.type != "function_definition":  # type: ignore[attr-defined]
        top = top.parent  # type: ignore[attr-defined]

    for n in walk(top):  # type: ignore[arg-type]
        if n.type in ("declaration", "parameter_declaration") and n.parent != node:
            for d in n.children_by_field_name("declarator"):
                if text(declarator_name(d)) == name:
                    return True
    return False


def _indent(code: str, at: int) -> str:
    raw = code.encode("utf-8", "replace")
    bol = raw.rfind(b"\n", 0, at) + 1
    return raw[bol:at].decode("utf-8", "replace") if not raw[bol:at].strip() else ""


def copy_targets(program: Program) -> list[str]:
    """Helpers called from two places or more, not recursive, long enough that a copy of
    one is a clone to the DRY check."""
    from generator.c.facts import callers

    facts = program.facts
    used = callers(facts)
    out = []
    for f in facts.functions:
        if (
            f.name == "main"
            or used[f.name] < 2
            or f.calls[f.name]
            or f.name not in program.functions
        ):
            continue
        if f.body_tokens >= WINDOW + 2 and _call_sites(program, f.name):
            out.append(f.name)
    return out


def _call_sites(program: Program, name: str) -> list[object]:
    """Calls of `name` that may call a copy defined right after `name`: after its end, or
    anywhere when a prototype of it stands before (the copy gets one too)."""
    definition = program.functions[name]
    prototyped = _prototype(program, name) is not None
    return [
        n
        for n in walk(program.root)
        if n.type == "call_expression"
        and text(n.child_by_field_name("function")) == name
        and (prototyped or n.start_byte > definition.end_byte)
        and not (definition.start_byte <= n.start_byte < definition.end_byte)
    ]


def _prototype(program: Program, name: str) -> object | None:
    for node in program.root.children:
        if node.type == "declaration" and any(
            text(_function_declarator_name(d)) == name
            for d in node.children_by_field_name("declarator")
        ):
            return node
    return None


def _function_declarator_name(d: object) -> object | None:
    node = d
    while node is not None and node.type == "pointer_declarator":  # type: ignore[attr-defined]
        node = node.child_by_field_name("declarator")  # type: ignore[attr-defined]
    if node is None or node.type != "function_declarator":  # type: ignore[attr-defined]
        return None
    return node.child_by_field_name("declarator")  # type: ignore[attr-defined]


def copy_modify(program: Program, name: str, rng: Random) -> Edit:
    from generator.c.paste import parameters

    taken = program.words
    copy = next(c for c in (f"{name}2", f"{name}_copy", f"{name}_v2", f"{name}3") if c not in taken)
    definition = program.functions[name]
    spots = [
        n
        for n in _identifiers(definition, name)
        if n.parent is not None and n.parent.type == "function_declarator"
    ]
    edits = [(n, copy) for n in spots[:1]]
    params = [p for p in parameters(program, name) if f"{p}2" not in taken]
    renamed = None
    if params:
        renamed = params[rng.randrange(len(params))]
        edits += [(n, f"{renamed}2") for n in _identifiers(definition, renamed)]
    duplicate = _rewritten(definition, edits)
    site = rng.choice(_call_sites(program, name))
    callee = site.child_by_field_name("function")  # type: ignore[attr-defined]
    changes = [
        (callee.start_byte, callee.end_byte, copy),
        (definition.end_byte, definition.end_byte, "\n\n" + duplicate),
    ]
    proto = _prototype(program, name)
    if proto is not None:
        first = _identifiers(proto, name)[:1]  # type: ignore[arg-type]
        line = _rewritten(proto, [(n, copy) for n in first])  # type: ignore[arg-type]
        changes.append((proto.end_byte, proto.end_byte, "\n" + line))  # type: ignore[attr-defined]
    code = replace_spans(program.code, changes)
    details = {"copied": name, "copy": copy, "renamed_parameter": renamed}
    return Edit(Program(code), "copy_modify", details)


def _identifiers(node: Node, name: str) -> list[Node]:
    """The identifiers spelled `name` under `node`, read in the program's own tree."""
    return [n for n in walk(node) if n.type == "identifier" and text(n) == name]


def _rewritten(node: Node, edits: list[tuple[Node, str]]) -> str:
    """The text of `node` with each of the nodes under it in `edits` written anew."""
    at = node.start_byte
    return replace_spans(
        text(node), [(n.start_byte - at, n.end_byte - at, new) for n, new in edits]
    )


WHY_NOT = (
    "no helper called from two places (not recursive, returning only at its end or one "
    "expression) whose body, pasted at its calls as asked, gives copies the DRY check "
    "would see, none long enough to copy for one caller, no counted loop of two to five "
    "passes to write out, no if whose branches cannot jump out followed by statements "
    "long enough to copy into each branch, no loop (its condition free of side effects, "
    "its body not leaving it by break or continue) whose first pass, written out before "
    "it, is a clone the DRY check would see, and no `if (a || b)` whose branch, written "
    "once per alternative, would be one"
)


def _confirmed(program: Program, make: Callable[[], Edit]) -> Edit | None:
    """The edit `make` gives when the evidence confirms it as DRY and as nothing else (as
    `paste.confirmed` does for pastes): a copy too short for a clone
    window, or one the parser cannot read, is never offered, so no procedural variant is
    rejected for evidence."""
    from generator.principles.check import check

    edit = make()
    variant = edit.program
    if variant.root.has_error and not program.root.has_error:
        return None
    ev = check(program, variant, Principle.DRY)
    return edit if ev.confirmed and not ev.collateral else None


Maker = Callable[[], "Edit | None"]


def offers(program: Program, rng: Random) -> list[list[Maker]]:
    """Per transform the program offers, a maker for each place it can act on (a maker
    returns None when the evidence would not confirm its edit)."""
    code = program.code
    tails = [partial(duplicate_tail, code, t) for t in copies.tails(program.root)]
    peels = [partial(peel_loop, code, loop) for loop in copies.loops(program.root)]
    splits = [partial(split_condition, code, n) for n in copies.either_ifs(program.root)]
    kinds: list[list[Maker]] = [
        [partial(paste, n, variant) for n, variant in pastes(program, own_locals=True).items()],
        [partial(copy_modify, program, n, rng) for n in copy_targets(program)],
        [partial(unroll, program, *loop) for loop in loops(program)],
        [partial(_confirmed, program, make) for make in tails],
        [partial(_confirmed, program, make) for make in peels],
        [partial(_confirmed, program, make) for make in splits],
    ]
    return [k for k in kinds if k]


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    """One edit: the transform chosen by seed among those the program offers (a program
    with a dozen `if`s would otherwise nearly always get a tail copy), then the place, the
    first in seeded order whose edit is confirmed."""
    kinds = offers(program, rng)
    rng.shuffle(kinds)
    for kind in kinds:
        for make in rng.sample(kind, len(kind)):
            if (edit := make()) is not None:
                return edit
    return NotApplicable(WHY_NOT)


async def ask(
    ctx: Context, s: Sample, program: Program, tpl: Template, names: list[str]
) -> Program:
    """The LLM editor's paste: the helper's body written by the model for one call line at
    a time, values in place of its parameters; the helper dropped once nothing calls it."""
    from generator.c.paste import paste_sites
    from generator.c.tidy import drop_unused_function
    from generator.principles.small_edits import paste_calls

    name = names[0]
    sites = paste_sites(program, name, expressions=True)
    pasted = await paste_calls(ctx, s, program, tpl, name, sites)
    if (tidied := drop_unused_function(pasted, name)).code != pasted.code:
        s.repairs.append(f"removed {name}: pasted, no longer called")
    return tidied


def touched(details: dict[str, Any], transform: str | None) -> dict[str, set[str]]:
    """The helpers pasted; a copy made of no helper (a loop written out, ...) counts as
    its transform, so the figure says how varied the duplication is."""
    helpers = set(details.get("pasted_helpers") or [])
    if transform == "unroll_loop":
        helpers.add("(unrolled loop)")
    elif transform not in (None, "paste_helper", "copy_modify", "rewrite"):
        helpers.add(f"({transform})")
    return {"helpers": helpers}


RULE = Rule(
    principle=Principle.DRY,
    verdict=dry_verdict.verdict,
    check=check_dry,
    procedural=procedural,
    targets=targets,
    why_not=(
        "no helper called from two places (not recursive, returning only at its end or one "
        "expression) whose body, pasted at its calls as asked, gives copies the DRY check "
        "would see, so pasting one repeats nothing"
    ),
    ask=ask,
    touched=touched,
    transform="paste_helper",
    meaning="the same logic is written out more than once",
    short="repeated logic",
    analysers=("lizard duplicates", "jscpd clones"),
    point=point,
)
