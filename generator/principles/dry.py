"""DRY, don't repeat yourself: the same logic written out more than once.

Procedural edits, one chosen by seed among those the program offers:
- `paste_helper`: a helper called from several places is pasted at its call sites with its
  parameters bound, and dropped when nothing calls it (reverse Extract Method, as
  SmellBench makes duplicated code);
- `unroll_loop`: a short counted loop (`for (int i = 0; i < 3; i++)`) is written out as one
  copy of its body per pass, the index replaced by its value, which is how students repeat
  statements for similar items. Only loops of two or three passes from 0: the indices 0, 1
  and 2 are values the MC check ignores, so the copy is DRY and nothing else.
The model's own clean solutions seldom call a helper twice, so the loop is what most
programs offer.
"""

from __future__ import annotations

from random import Random

from generator.evidence.clones import WINDOW, check_dry
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, Rule
from generator.syntax import Program, replace_spans, text, walk

MAX_PASSES = 3  # 0, 1, 2: indices the MC check does not count as magic values
ASSIGNING = ("assignment_expression", "update_expression")


def paste_targets(program: Program) -> list[str]:
    """Helpers whose faithful paste at their calls the DRY check confirms, best first."""
    from generator.hints import dry_candidates

    return dry_candidates(program.code)


def targets(program: Program) -> list[str]:
    return paste_targets(program)[:1]


def paste(program: Program, name: str) -> Edit:
    from generator.hints import MAX_CALLS, paste_sites
    from generator.stages.paste import faithful

    sites = paste_sites(program.code, name, expressions=True)[:MAX_CALLS]
    code = faithful(program.code, name, sites)
    gone = name not in Program(code).functions
    repairs = [f"removed {name}: pasted, no longer called"] if gone else []
    return Edit(code, "paste_helper", {"pasted": name}, repairs)


def loops(program: Program) -> list[tuple[object, str, int]]:
    """Counted loops that unroll into copies the DRY check sees: (node, index, passes)."""
    from generator.stages.pieces import constant_values

    values = constant_values(program.code)
    out = []
    for node in walk(program.root):
        if node.type != "for_statement":
            continue
        found = _counted(node, values)
        if found is not None:
            out.append((node, *found))
    return out


def _counted(node: object, values: dict[str, str]) -> tuple[str, int] | None:
    init = node.child_by_field_name("initializer")  # type: ignore[attr-defined]
    cond = node.child_by_field_name("condition")  # type: ignore[attr-defined]
    update = node.child_by_field_name("update")  # type: ignore[attr-defined]
    body = node.child_by_field_name("body")  # type: ignore[attr-defined]
    if init is None or cond is None or update is None or body is None:
        return None
    if init.type != "declaration" or len(init.children_by_field_name("declarator")) != 1:
        return None
    decl = init.child_by_field_name("declarator")
    if decl.type != "init_declarator" or text(decl.child_by_field_name("value")) != "0":
        return None
    index = text(decl.child_by_field_name("declarator"))
    if cond.type != "binary_expression" or text(cond.child_by_field_name("left")) != index:
        return None
    op = text(cond.child_by_field_name("operator"))
    bound = text(cond.child_by_field_name("right"))
    bound = values.get(bound, bound)
    if op not in ("<", "<=") or not bound.isdigit():
        return None
    passes = int(bound) + (op == "<=")
    if not 2 <= passes <= MAX_PASSES or text(update) not in (f"{index}++", f"++{index}"):
        return None
    for n in walk(body):
        if n.type in ("break_statement", "continue_statement", "goto_statement"):
            return None
        if n.type in ASSIGNING:
            target = n.child_by_field_name("left") or n.child_by_field_name("argument")
            if text(target) == index:
                return None
        if n.type == "pointer_expression" and text(n.child_by_field_name("argument")) == index:
            return None
    if len(_tokens(body)) < WINDOW:
        return None  # copies shorter than a clone window are no duplication to the check
    return index, passes


def _tokens(node: object) -> list[object]:
    return [n for n in walk(node) if not n.children]  # type: ignore[arg-type]


def unroll(program: Program, node: object, index: str, passes: int) -> Edit:
    body = node.child_by_field_name("body")  # type: ignore[attr-defined]
    start = body.start_byte
    uses = [n for n in walk(body) if n.type == "identifier" and text(n) == index]
    indent = _indent(program.code, node.start_byte)  # type: ignore[attr-defined]
    copies = []
    for k in range(passes):
        piece = replace_spans(
            text(body), [(n.start_byte - start, n.end_byte - start, str(k)) for n in uses]
        )
        if body.type != "compound_statement":
            piece = "{ " + piece + " }"
        copies.append(piece)
    block = f"\n{indent}".join(copies)
    code = replace_spans(program.code, [(node.start_byte, node.end_byte, block)])  # type: ignore[attr-defined]
    return Edit(code, "unroll_loop", {"unrolled": index, "passes": passes})


def _indent(code: str, at: int) -> str:
    raw = code.encode("utf-8", "replace")
    bol = raw.rfind(b"\n", 0, at) + 1
    return raw[bol:at].decode("utf-8", "replace") if not raw[bol:at].strip() else ""


def procedural(program: Program, rng: Random) -> Edit | NotApplicable:
    options: list[tuple[str, object]] = [("paste", n) for n in paste_targets(program)]
    options += [("unroll", loop) for loop in loops(program)]
    if not options:
        return NotApplicable(RULE.why_not)
    kind, what = options[rng.randrange(len(options))]
    if kind == "paste":
        return paste(program, str(what))
    node, index, passes = what  # type: ignore[misc]
    return unroll(program, node, index, passes)


RULE = Rule(
    principle=Principle.DRY,
    targets=targets,
    why_not=(
        "no helper called from two places (not recursive, returning only at its end or one "
        "expression) whose body, pasted at its calls as asked, gives copies the DRY check "
        "would see, and no counted loop of two or three passes to write out"
    ),
    procedural=procedural,
    check=check_dry,
)
