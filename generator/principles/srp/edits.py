"""SRP's procedural edits: a single-use helper merged into its caller (`merge_helper`)
and two functions made one (`merge_functions`), each a function of a parsed `Program`.
`srp.py` draws one by seed."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from tree_sitter import Node

from generator.c.program import Program
from generator.c.syntax import (
    calls,
    declarator_name,
    fresh,
    prototypes,
    replace_spans,
    text,
    walk,
    whole_lines,
)
from generator.principles.base import Edit
from generator.principles.srp.evidence import check_srp

if TYPE_CHECKING:
    pass


def merges(program: Program, own_locals: bool = False) -> dict[str, Program]:
    """Every single-use helper whose faithful merge the SRP check confirms, biggest first,
    each with that merge (the procedural editor's edit, already checked and parsed): three
    statements or a branch, a body that pastes as statements, called by one whole-statement
    line; and no parameter it assigns, unless `own_locals` (the procedural editor): then
    such a parameter becomes a local copy in the merged block."""
    from generator.c import paste
    from generator.c.facts import callers

    calls = callers(program.facts)
    body = {f.name: f for f in program.facts.functions if f.name != "main"}
    sites = {
        n: paste.paste_sites(program, n)
        for n, k in calls.items()
        if k == 1 and n in body and not body[n].calls[n]
        if body[n].statements >= 3 or body[n].decisions >= 1
        if paste.inlinable(program, n) and (own_locals or not paste.modified_parameters(program, n))
    }
    fit = [body[n] for n, at in sites.items() if len(at) == 1]
    fit.sort(key=lambda f: -(f.statements + 2 * f.decisions))
    found = {
        f.name: paste.confirmed(program, f.name, sites[f.name], check_srp, own_locals) for f in fit
    }
    return {name: variant for name, variant in found.items() if variant is not None}


def merge_targets(program: Program, own_locals: bool = False) -> list[str]:
    """The helpers of `merges`, biggest first."""
    return list(merges(program, own_locals))


def merge(name: str, variant: Program) -> Edit:
    """The edit of a merge of `name` that `merges` found and checked."""
    repairs = [f"removed {name}: pasted, no longer called"]
    return Edit(variant, "merge_helper", {"merged": name}, repairs)


# ---- two functions into one ---------------------------------------------------------------

TRANSFORMS = ("merge_helper", "merge_functions")
PLAIN_NAMES = ("process", "process_all", "run", "handle", "do_work")
STABLE = frozenset(["number_literal", "string_literal", "char_literal", "identifier"])
WIDTH = 100  # the column a merged signature wraps at: the line length of the corpus references


@dataclass(frozen=True)
class Helper:
    """A void helper that can be merged with another: its definition, parameters
    (declaration text, name), and the call statement that runs it."""

    name: str
    node: Node
    params: list[tuple[str, str]]
    call: Node  # the expression_statement in the caller


def _helper(program: Program, name: str, once: Counter[str]) -> Node | None:
    """The definition of `name` when it is a void function with no `return`, not
    recursive nor variadic, called from exactly one place."""
    node = program.functions.get(name)
    if node is None or name == "main" or once[name] != 1:
        return None
    declarator = node.child_by_field_name("declarator")
    if text(node.child_by_field_name("type")) != "void" or declarator is None:
        return None
    if declarator.type != "function_declarator" or "..." in text(declarator):
        return None
    if any(n.type in ("return_statement", "goto_statement") for n in walk(node)):
        return None
    if calls(node, name) or len(_mentions(program, name)) != 1:
        return None  # recursive, or also used as a function pointer
    return node


def _mentions(program: Program, name: str) -> list[Node]:
    """Where `name` is named outside its definition and prototypes."""
    skip = [program.functions[name], *prototypes(program.root, name)]
    return [
        n
        for n in program.identifiers({name})
        if not any(s.start_byte <= n.start_byte < s.end_byte for s in skip)
    ]


def _params(node: Node) -> list[tuple[str, str]] | None:
    """(declaration, name) of each parameter; None when one is unnamed."""
    declarator = node.child_by_field_name("declarator")
    plist = declarator.child_by_field_name("parameters") if declarator else None
    out = []
    for p in plist.named_children if plist is not None else []:
        if p.type == "comment":
            continue
        if p.type != "parameter_declaration":
            return None
        if text(p) == "void":
            continue
        name = declarator_name(p.child_by_field_name("declarator"))
        if name is None:
            return None
        out.append((text(p), text(name)))
    return out


def _called(statement: Node) -> str | None:
    """The function a statement `f(...);` calls, when that is all it does."""
    if statement.type != "expression_statement" or not statement.named_children:
        return None
    call = statement.named_children[0]
    if call.type != "call_expression":
        return None
    callee = call.child_by_field_name("function")
    return text(callee) if callee is not None and callee.type == "identifier" else None


def _arguments(statement: Node) -> list[Node]:
    args = statement.named_children[0].child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args else []


def function_pairs(program: Program) -> list[tuple[Helper, Helper]]:
    """Two mergeable helpers called one right after the other in the same block."""
    from generator.c.facts import callers

    once = callers(program.facts)
    out = []
    for block in walk(program.root):
        if block.type != "compound_statement":
            continue
        statements = [c for c in block.named_children if c.type != "comment"]
        for a, b in pairwise(statements):
            if a.next_sibling != b:
                continue  # a comment between them would be lost
            names = (_called(a), _called(b))
            if None in names or names[0] == names[1]:
                continue
            nodes = [_helper(program, n, once) for n in names]  # type: ignore[arg-type]
            params = [_params(n) if n is not None else None for n in nodes]
            if None in nodes or None in params:
                continue
            first, second = (
                Helper(n, d, p, s)  # type: ignore[arg-type]
                for n, d, p, s in zip(names, nodes, params, (a, b), strict=True)
            )
            if len(_arguments(a)) == len(first.params) and _stable(second, first, block):
                out.append((first, second))
    return out


def _stable(second: Helper, first: Helper, block: Node) -> bool:
    """The second call's arguments mean the same evaluated before the first helper runs:
    literals, addresses, and the caller's own variables the first helper cannot reach (one
    whose address the first call gets, or that a pointer keeps: `read_count(&n); show(n);`
    would show `n` before it is read)."""
    args = _arguments(second.call)
    if len(args) != len(second.params):
        return False
    caller = block
    while caller.parent is not None and caller.type != "function_definition":
        caller = caller.parent
    own = {text(declarator_name(d)) for d in _declarations(caller)}
    reached = {text(_address_of(a)) for a in _arguments(first.call) if _address_of(a) is not None}
    reached |= {
        text(_address_of(n))
        for n in walk(caller)
        if _address_of(n) is not None
        and n.parent is not None
        and n.parent.type in ("init_declarator", "assignment_expression")
    }
    for a in args:
        name = _address_of(a)
        if name is not None:
            if name.type != "identifier" or text(name) not in own:
                return False
            continue
        if a.type not in STABLE:
            return False
        if a.type == "identifier" and (text(a) not in own or text(a) in reached):
            return False
    return True


def _address_of(node: Node) -> Node | None:
    """`x` in `&x`."""
    if node.type != "pointer_expression" or text(node.child_by_field_name("operator")) != "&":
        return None
    return node.child_by_field_name("argument")


def _declarations(node: Node) -> list[Node]:
    return [
        d
        for n in walk(node)
        if n.type in ("declaration", "parameter_declaration")
        for d in n.children_by_field_name("declarator")
    ]


def _locals(definition: Node) -> set[str]:
    """Names declared at the top of a body: their scope runs to the end of the merged
    function (a loop's `int i` or an inner block's locals end where they stand)."""
    body = definition.child_by_field_name("body")
    return {
        text(declarator_name(d))
        for n in (body.named_children if body else [])
        if n.type == "declaration"
        for d in n.children_by_field_name("declarator")
    }


def _words(node: Node) -> set[str]:
    return {text(n) for n in walk(node) if n.type == "identifier"}


def _body(node: Node, renames: dict[str, str]) -> str:
    """The statements of a definition's body, parameters renamed, dedented."""
    body = node.child_by_field_name("body")
    spans = [
        (n.start_byte - body.start_byte, n.end_byte - body.start_byte, renames[text(n)])
        for n in walk(body)
        if n.type == "identifier" and text(n) in renames
    ]
    written = replace_spans(text(body), spans)
    return textwrap.dedent(written[written.index("{") + 1 : written.rindex("}")].strip("\n"))


def merge_functions(program: Program, first: Helper, second: Helper) -> Edit | None:
    """`first` and `second` as one function, the first's body then the second's, called
    once where the two were; None when the two cannot share a scope."""
    taken = set(program.words)
    words_first, words_second = _words(first.node), _words(second.node)
    shared = _shared(program, first, second)
    params = list(first.params)
    renames: dict[str, str] = {}  # the second's parameters the first's body also names
    for i, (declared, name) in enumerate(second.params):
        if i in shared:
            continue
        if name in words_first:
            renames[name] = fresh(f"{second.name.split('_')[-1]}_{name}", taken)
            declared = _rename_declaration(declared, name, renames[name])
        params.append((declared, renames.get(name, name)))
    clash = {name for _, name in first.params} & (words_second - {p for _, p in second.params})
    if clash - {first.params[i][1] for i in shared.values()}:
        return None  # the second's body names a global the first's parameter would hide
    merged = fresh(f"{first.name}_and_{second.name}", taken)
    if len(merged) > 40:
        merged = next((n for n in PLAIN_NAMES if n not in taken), "")
    if not merged:
        return None
    parts = [_body(first.node, {}), _body(second.node, renames)]
    # Each body in a block of its own only when their locals would clash (or hide a name
    # the other uses); else one after the other, as a student writes one long function.
    mine, theirs = _locals(first.node), _locals(second.node)
    if mine & (words_second | set(renames.values())) or theirs & words_first:
        parts = ["{\n" + textwrap.indent(p, "    ") + "\n}" for p in parts]
    declarator = first.node.child_by_field_name("declarator")
    head = text(first.node)[: declarator.start_byte - first.node.start_byte]
    signature = _signature(f"{head}{merged}", [d for d, _ in params])
    body = first.node.child_by_field_name("body")
    between = text(first.node)[
        declarator.end_byte - first.node.start_byte : body.start_byte - first.node.start_byte
    ]
    brace = "\n{\n" if "\n" in between else " {\n"  # the first's brace style
    definition = signature + brace + textwrap.indent("\n".join(parts), "    ") + "\n}"
    args = [text(a) for a in _arguments(first.call)]
    args += [text(a) for i, a in enumerate(_arguments(second.call)) if i not in shared]
    call = f"{merged}({', '.join(args)});"
    return _rewrite(program, first, second, definition, signature + ";", call)


def _signature(head: str, params: list[str]) -> str:
    """`head(params)`, its parameters wrapped under the first when the line would pass
    WIDTH columns, as clang-format lays out a long declaration."""
    line = f"{head}({', '.join(params) or 'void'})"
    if len(line) <= WIDTH or len(params) < 2:
        return line
    indent, lines = " " * (len(head) + 1), [f"{head}({params[0]},"]
    for i, param in enumerate(params[1:], start=1):
        piece = param + ("," if i < len(params) - 1 else ")")
        if len(lines[-1]) + 1 + len(piece) <= WIDTH:
            lines[-1] += " " + piece
        else:
            lines.append(indent + piece)
    return "\n".join(lines)


def _shared(program: Program, first: Helper, second: Helper) -> dict[int, int]:
    """Parameters of `second` the merged function takes once: the same declaration and the
    same argument as one of `first`'s, which `first` never assigns."""
    from generator.c.paste import modified_parameters

    changed = set(modified_parameters(program, first.name))
    first_args = [text(a) for a in _arguments(first.call)]
    out = {}
    for i, (declared, name) in enumerate(second.params):
        for j, (other, other_name) in enumerate(first.params):
            same = declared == other and name == other_name and name not in changed
            if same and text(_arguments(second.call)[i]) == first_args[j]:
                out[i] = j
    return out


def _rename_declaration(declared: str, old: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(old)}\b(?!.*\b{re.escape(old)}\b)", new, declared)


def _rewrite(
    program: Program, first: Helper, second: Helper, definition: str, prototype: str, call: str
) -> Edit:
    """The two calls replaced by one, the later definition (and prototype) replaced by the
    merged one and the earlier removed: whatever either body uses is declared before the
    later of the two, and the caller sees the merged one wherever it saw both."""
    code = program.code
    defs = sorted([first.node, second.node], key=lambda n: n.start_byte)
    protos = sorted(
        [*prototypes(program.root, first.name), *prototypes(program.root, second.name)],
        key=lambda n: n.start_byte,
    )
    edits = [(first.call.start_byte, second.call.end_byte, call)]
    edits.append((defs[-1].start_byte, defs[-1].end_byte, definition))
    edits.append((*whole_lines(code, defs[0].start_byte, defs[0].end_byte), ""))
    if protos:
        edits.append((protos[-1].start_byte, protos[-1].end_byte, prototype))
        edits += [(*whole_lines(code, p.start_byte, p.end_byte), "") for p in protos[:-1]]
    details = {"merged": [first.name, second.name], "into": _name_of(prototype)}
    repairs = [f"removed {first.name} and {second.name}: merged into {_name_of(prototype)}"]
    return Edit(Program(replace_spans(code, edits)), "merge_functions", details, repairs)


def _name_of(prototype: str) -> str:
    return prototype.split("(")[0].split()[-1].lstrip("*")


def merged_functions(program: Program) -> list[Edit]:
    """Every merge of two consecutive single-use calls the SRP check confirms."""
    out = []
    for first, second in function_pairs(program):
        made = merge_functions(program, first, second)
        if made is not None and check_srp(program.facts, made.program.facts).confirmed:
            out.append(made)
    return out
