"""NAME on one program: names that say nothing about what they hold, or lie about it.

Flagged: single letters other than the conventional ones (`n`, `N`, `M`, and `a`, `b`, `c`
for interchangeable inputs); numbered names (`n1`, `contador2`); filler names (`aux`,
`tmp`, `var_aux`); names with no word in them (`ant`, `n_p`); and a loop index that is no
index (`i` holding a value read from input, `k` as a flag): the guide's name that lies.
Let pass: meaningful names in any language (`soma`, `contador`), common abbreviations
(`tam`, `dim`, `max`, `len`), `result`, upper-case constants, function names, `i`, `j`, `k`
used as indices, names read straight from input (`scanf("%d %d", &n, &m)`, `num1`, `num2`:
interchangeable inputs), and the parameters and locals of a helper of a few statements
(`swap(x, y)` with its `t`). `FLAGGED` vague names make a violation.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from generator.c.program import Program
from generator.c.syntax import declared_names, text, walk
from generator.c.words import is_meaningful, parts
from generator.principles import Principle
from generator.principles.verdict import Verdict

CONVENTIONAL = frozenset("nNMabc")
INDICES = frozenset("ijk")
NUMBERED = re.compile(r"^[A-Za-z_]+?_?\d$")  # `n1`, `state2`; not `vat_20`, a value
FILLER = re.compile(r"(^|_)(aux|tmp|temp|var|dummy|foo|bar)(_|$|\d)", re.IGNORECASE)
_ABBREVIATIONS = "num str vec max min tam dim cont res ret val len dig digs"
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
# The abbreviations that say a role (a counter, a size, a digit count), not a type: in a
# longer name they name what it holds (`cont_c`, `n_dig`), where `num_a` says only "a number".
ROLES = ABBREVIATIONS - frozenset(["num", "str", "vec", "res", "ret", "val"])
PLAIN_WORDS = frozenset(["value", "values", "number", "numbers", "data", "info", "result"])
# Short English words that name what they hold where they are used (`from`/`to`/`via` pegs,
# `dot` product, `vat` rate): the word list of the evidence has no need of them.
SHORT = frozenset(["to", "via", "dot", "vat", "fee", "det", "net", "due", "bad", "car"])
READERS = frozenset(["scanf", "fscanf", "gets", "fgets"])
READ_VERBS = frozenset(["le", "ler", "read", "get", "leitura"])  # helpers that read input
TINY = 4  # statements: the names of a helper this small are read at a glance
FLAGGED = 1  # vague names
LENIENT = 0.2  # what each short name the guide lets pass adds, below the line


def is_vague(name: str) -> bool:
    if len(name) == 1:
        return name not in CONVENTIONAL
    if NUMBERED.match(name) or FILLER.search(name):
        return True
    words = parts(name)
    if any(_is_word(p) or p in ROLES for p in words):
        return False
    return name.lower() not in ABBREVIATIONS


def _is_word(part: str) -> bool:
    """A part a reader takes for a word: a known one, or a plain noun the evidence counts
    as filler (`value`, `number`): the guide's vague names are letters, numbers and fillers
    like `aux` and `temp`, not plain words."""
    return is_meaningful(part) or part in PLAIN_WORDS or part in SHORT


def vague_names(program: Program) -> list[str]:
    return _judged(program)[0]


def _judged(program: Program) -> tuple[list[str], list[str]]:
    """The vague names, and the short names the guide lets pass (`n`, `x` read as input)."""
    facts = program.facts
    functions = {f.name for f in facts.functions}
    tiny = _tiny_scopes(program)
    read = _read_names(program.root)
    indices = _indices(program.root)
    swaps = _swap_temps(program.root)
    names = {n for n in facts.declared - functions - tiny if len(n) == 1 or not n.isupper()}
    vague, lenient = set(), set()
    for n in names:
        if n in INDICES:
            if n in read or n not in indices:
                vague.add(n)
        elif n in indices and (len(n) == 1 or (parts(n) or [""])[0] in INDICES):
            continue  # `l` and `c` stepping over lines and columns; `i_aux`, an inner index
        elif n in swaps:
            lenient.add(n)  # `tmp` in `tmp = a; a = b; b = tmp;`: every reader knows it
        elif is_vague(n):
            (lenient if n in read else vague).add(n)
        elif len(n) == 1:
            lenient.add(n)
    lenient |= {n for n in tiny if len(n) == 1 or is_vague(n)}
    return sorted(vague), sorted(lenient)


def verdict(program: Program) -> Verdict:
    """Each vague name counts 1; the short names let pass raise the severity, never past
    the line, so a rename to `n` reads as a hard negative, not as nothing."""
    vague, lenient = _judged(program)
    reasons = [f"names that say nothing: {', '.join(vague)}"] if vague else []
    below = min(LENIENT * len(lenient), 1 - LENIENT)
    return Verdict(Principle.NAME, (len(vague) + below) / FLAGGED, reasons)


def _swap_temps(root: Node) -> set[str]:
    """Names used only to swap two values, `t = a; a = b; b = t;`, however often."""
    inside: dict[str, set[int]] = {}
    for node in walk(root):
        if node.type != "compound_statement":
            continue
        steps = [_assignment(k) for k in node.named_children]
        for i in range(len(steps) - 2):
            first, second, third = steps[i : i + 3]
            if first and second and third and first[1] == second[0] and second[1] == third[0]:
                temp = first[0]
                if temp == third[1] and temp not in (second[0], second[1]):
                    for k in node.named_children[i : i + 3]:
                        inside.setdefault(temp, set()).update(
                            n.start_byte for n in walk(k) if text(n) == temp
                        )
    used: dict[str, set[int]] = {}
    for n in walk(root):
        if n.type == "identifier" and text(n) in inside and n.parent.type != "declaration":
            used.setdefault(text(n), set()).add(n.start_byte)
    return {name for name, at in used.items() if at <= inside[name]}


def _assignment(statement: Node) -> tuple[str, str] | None:
    """(target, value) of `x = y;` or `int x = y;`, spaces left out; else None."""
    node = statement
    if node.type == "expression_statement" and node.named_child_count == 1:
        node = node.named_children[0]
        if (
            node.type == "assignment_expression"
            and text(node.child_by_field_name("operator")) == "="
        ):
            pair = node.child_by_field_name("left"), node.child_by_field_name("right")
            return _squeezed(pair[0]), _squeezed(pair[1])
    if node.type == "declaration":
        inits = [k for k in node.named_children if k.type == "init_declarator"]
        if len(inits) == 1 and len(node.children_by_field_name("declarator")) == 1:
            pair = inits[0].child_by_field_name("declarator"), inits[0].child_by_field_name("value")
            return _squeezed(pair[0]), _squeezed(pair[1])
    return None


def _squeezed(node: Node | None) -> str:
    return "".join(text(node).split())


def _tiny_scopes(program: Program) -> set[str]:
    """Names declared only inside helpers of `TINY` statements or fewer."""
    small = {f.name for f in program.facts.functions if f.statements <= TINY} - {"main"}
    inside, elsewhere = set(), set()
    for name, node in program.functions.items():
        (inside if name in small else elsewhere).update(declared_names(node))
    top = declared_names(program.root, top_only=True)
    return (inside - elsewhere - top) | _letter_parameters(program)


def _letter_parameters(program: Program) -> set[str]:
    """Single-letter parameters of helpers: a generic helper takes generic names (`s`)."""
    out = set()
    for name, node in program.functions.items():
        declarator = node.child_by_field_name("declarator")
        params = declarator.child_by_field_name("parameters") if declarator else None
        if name != "main" and params is not None:
            out.update(n for n in declared_names(params) if len(n) == 1)
    return out


def _read_names(root: Node) -> set[str]:
    """Names passed to a call that reads input: `scanf`, or a helper named for reading."""
    out: set[str] = set()
    for n in walk(root):
        if n.type != "call_expression":
            continue
        called = text(n.child_by_field_name("function"))
        words = parts(called)
        if called in READERS or (words and words[0] in READ_VERBS):
            for arg in n.child_by_field_name("arguments").named_children:
                if arg.type == "pointer_expression":
                    arg = arg.child_by_field_name("argument")  # `&n`; not `&vec[i]`
                if arg.type == "identifier":
                    out.add(text(arg))
    return out


def _indices(root: Node) -> set[str]:
    """Names used as an index: set in a `for` header, in a subscript, or stepped by ++/--."""
    out: set[str] = set()
    for n in walk(root):
        if n.type == "for_statement":
            for field in ("initializer", "update"):
                out.update(_set_names(n.child_by_field_name(field)))
        elif n.type == "subscript_expression":
            index = n.child_by_field_name("index")
            if index is not None:
                out.update(text(i) for i in walk(index) if i.type == "identifier")
        elif n.type == "update_expression":
            out.update(_set_names(n))
    return out


def _set_names(node: Node | None) -> set[str]:
    """The bare names `node` sets: `i = 0`, `int i = 0`, `i++`, `i += 2, j--`."""
    if node is None:
        return set()
    fields = {
        "update_expression": "argument",
        "assignment_expression": "left",
        "init_declarator": "declarator",
    }
    if node.type in fields:
        target = node.child_by_field_name(fields[node.type])
        return {text(target)} if target is not None and target.type == "identifier" else set()
    if node.type in ("declaration", "comma_expression"):
        return {name for child in node.named_children for name in _set_names(child)}
    return set()
