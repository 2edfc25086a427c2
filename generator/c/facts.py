"""One tree-sitter pass over a C program, collecting every figure the checkers compare.

All four checkers read the same `Facts`, and `analyse` is cached by source text, so a
parent shared by several variants is parsed once. Code that does not parse still yields
facts (tree-sitter recovers with ERROR nodes); `parse_errors` says how much was lost.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from tree_sitter import Node

from generator.c import syntax
from generator.c.literals import literal_key
from generator.c.syntax import NAME_NODES, declarator_name, walk
from generator.c.syntax import is_const as _is_const
from generator.c.syntax import text as _text

# Calls whose string arguments are output text or formats, not values with a meaning.
_IO_CALLS = "printf fprintf sprintf snprintf vprintf vfprintf scanf fscanf sscanf puts fputs"
IO_CALLS = frozenset([*_IO_CALLS.split(), "perror", "fopen", "freopen"])
DECISIONS = frozenset(
    ["if_statement", "for_statement", "while_statement", "do_statement", "conditional_expression"]
)
ATOMIC = frozenset(["string_literal", "char_literal", "raw_string_literal"])
# Conditional-compilation nodes hold ordinary code; every other directive is read apart.
CODE_DIRECTIVES = frozenset(
    ["preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef"]
)
OPERAND = "V"  # identifiers and numbers become one token, so MC and NAME edits barely show


@dataclass(frozen=True)
class CodeLiteral:
    """A literal written in executable code, i.e. not giving a value a name."""

    kind: str  # number | string | char
    key: str  # normalised value, comparable across spellings (10, 10.0, 0xA)
    io: bool  # an argument of printf/scanf/puts...: output text or a format


@dataclass
class Function:
    name: str
    decisions: int = 0  # branch points, each distinct shape once (so pasted copies count once)
    statements: int = 0
    body_tokens: int = 0  # abstracted tokens between the braces of its body
    calls: Counter[str] = field(default_factory=Counter)
    shapes: set[tuple[str, ...]] = field(default_factory=set)


@dataclass
class Facts:
    tokens: list[str] = field(default_factory=list)  # abstracted token stream outside #directives
    literals: list[CodeLiteral] = field(default_factory=list)
    constants: dict[str, str] = field(default_factory=dict)  # name -> value key
    # Locals initialised with a number and never assigned (`int limit = 30;`): the value has
    # a name as much as a const's does, so its literal is not counted as unnamed either.
    named_locals: dict[str, str] = field(default_factory=dict)  # name -> value key
    idents: Counter[str] = field(default_factory=Counter)  # uses outside #directives
    decl_sites: Counter[str] = field(default_factory=Counter)  # const/enum definitions
    declared: set[str] = field(default_factory=set)
    functions: list[Function] = field(default_factory=list)
    parse_errors: int = 0

    def uses(self, name: str) -> int:
        """How often a constant's name is used in code, its definition not counted."""
        return self.idents[name] - self.decl_sites[name]


def facts_of(root: Node) -> Facts:
    """Facts of one parsed program (`Program.facts` keeps them with the tree they come from)."""
    return _Walker().run(root)


@lru_cache(maxsize=512)
def analyse(code: str) -> Facts:
    """Facts of a program given as text, for one-off readers (the demo, a pasted text).
    Shared through the cache: callers must not modify them."""
    return facts_of(syntax.parse(code).root_node)


class _Walker:
    def __init__(self) -> None:
        self.facts = Facts()
        self.starts: list[int] = []  # start byte of each token, to slice a node's tokens
        self.decision_nodes: list[tuple[Function, Node]] = []
        self.bodies: list[tuple[Function, Node]] = []

    def run(self, root: Node) -> Facts:
        self.assigned = assigned_names(root)
        # Iterative: deep ERROR chains from garbage input must not hit the recursion limit.
        stack: list[tuple[Node, bool, bool, Function | None]] = [(root, False, False, None)]
        while stack:
            node, named, io, func = stack.pop()
            kind = node.type
            if kind == "comment":
                continue
            if kind.startswith("preproc_") and kind not in CODE_DIRECTIVES:
                self._directive(node)
                continue
            if node.is_error or node.is_missing:
                self.facts.parse_errors += 1
            if kind in ATOMIC or not node.children:
                self._leaf(node, named, io)
                continue
            named, io, func = self._enter(node, named, io, func)
            stack.extend((c, named, io, func) for c in reversed(node.children))
        for func, node in self.decision_nodes:
            shape = (node.type, *self._tokens_of(node))
            if shape not in func.shapes:
                func.shapes.add(shape)
                func.decisions += 1
        for func, body in self.bodies:
            func.body_tokens = max(0, len(self._tokens_of(body)) - 2)  # not the braces
        return self.facts

    def _tokens_of(self, node: Node) -> list[str]:
        lo = bisect.bisect_left(self.starts, node.start_byte)
        hi = bisect.bisect_left(self.starts, node.end_byte)
        return self.facts.tokens[lo:hi]

    def _leaf(self, node: Node, named: bool, io: bool) -> None:
        kind = node.type
        if kind in NAME_NODES:
            self.facts.idents[_text(node)] += 1
        if kind in ("number_literal", "string_literal", "char_literal") and not named:
            key = literal_key(kind, _text(node))
            self.facts.literals.append(CodeLiteral(kind.split("_")[0], key, io))
        if kind == "primitive_type" or not node.is_named:
            token = _text(node) if node.is_named else kind
        elif kind == "string_literal":
            # Output text tells pasted copies (same text) from look-alike statements that
            # print different things, e.g. a report printing five different lines.
            token = _text(node)
        else:
            token = OPERAND
        self.facts.tokens.append(token)
        self.starts.append(node.start_byte)

    def _enter(
        self, node: Node, named: bool, io: bool, func: Function | None
    ) -> tuple[bool, bool, Function | None]:
        kind = node.type
        if kind == "function_definition":
            func = self._function(node)
        elif kind == "declaration":
            self._declaration(node)
            named = named or _is_const(node) or self._named_local(node)
        elif kind in ("enumerator", "initializer_list"):
            named = True  # enum values and table entries have a name: the enum, the array
        elif kind == "call_expression":
            io = self._call(node, func) or io
        else:
            self._other_names(node)
        if func is not None:
            self._count(node, func)
        return named, io, func

    def _function(self, node: Node) -> Function:
        name = declarator_name(node.child_by_field_name("declarator"))
        func = Function(_text(name) if name else "?")
        if (body := node.child_by_field_name("body")) is not None:
            self.bodies.append((func, body))
        self.facts.declared.add(func.name)
        self.facts.functions.append(func)
        return func

    def _call(self, node: Node, func: Function | None) -> bool:
        """Counts the call; True when it is an I/O call (its strings are output text)."""
        callee = node.child_by_field_name("function")
        if callee is None or callee.type != "identifier":
            return False
        name = _text(callee)
        if func is not None:
            func.calls[name] += 1
        return name in IO_CALLS

    def _other_names(self, node: Node) -> None:
        kind = node.type
        if kind in ("parameter_declaration", "field_declaration", "type_definition"):
            for d in node.children_by_field_name("declarator"):
                if (name := declarator_name(d)) is not None:
                    self.facts.declared.add(_text(name))
        elif kind in ("struct_specifier", "union_specifier", "enum_specifier"):
            tag = node.child_by_field_name("name")
            if tag is not None and node.child_by_field_name("body") is not None:
                self.facts.declared.add(_text(tag))
        elif kind == "enumerator_list":
            self._enumerators(node)

    def _count(self, node: Node, func: Function) -> None:
        """Branch points (each shape once, later) and statements of the function."""
        kind = node.type
        if kind in DECISIONS or (kind == "case_statement" and _text(node)[:4] == "case"):
            self.decision_nodes.append((func, node))
        elif kind == "binary_expression":
            op = node.child_by_field_name("operator")
            if op is not None and op.type in ("&&", "||"):
                self.decision_nodes.append((func, node))
        if (kind.endswith("_statement") and kind != "compound_statement") or (
            kind == "declaration"
        ):
            func.statements += 1

    def _declaration(self, node: Node) -> None:
        const = _is_const(node)
        for d in node.children_by_field_name("declarator"):
            name = declarator_name(d)
            if name is None:
                continue
            text = _text(name)
            self.facts.declared.add(text)
            value = d.child_by_field_name("value") if d.type == "init_declarator" else None
            if const and value is not None and value.type in ATOMIC | {"number_literal"}:
                self.facts.constants[text] = literal_key(value.type, _text(value))
                self.facts.decl_sites[text] += 1

    def _named_local(self, node: Node) -> bool:
        """`int limit = 30;` in a block, `limit` never assigned nor its address taken."""
        decls = node.children_by_field_name("declarator")
        if node.parent is None or node.parent.type != "compound_statement" or len(decls) != 1:
            return False
        if any(c.type == "storage_class_specifier" for c in node.children):
            return False  # a static local keeps its value between calls: a variable
        d = decls[0]
        name, value = d.child_by_field_name("declarator"), d.child_by_field_name("value")
        if d.type != "init_declarator" or name is None or name.type != "identifier":
            return False
        if value is None or value.type != "number_literal" or _text(name) in self.assigned:
            return False
        key = literal_key(value.type, _text(value))
        if not key:
            return False
        self.facts.named_locals[_text(name)] = key
        self.facts.decl_sites[_text(name)] += 1
        return True

    def _enumerators(self, node: Node) -> None:
        nxt: int | None = 0
        for e in node.named_children:
            if e.type != "enumerator" or (name := e.child_by_field_name("name")) is None:
                continue
            text = _text(name)
            self.facts.declared.add(text)
            self.facts.decl_sites[text] += 1
            value = e.child_by_field_name("value")
            if value is not None:
                key = literal_key(value.type, _text(value))
                nxt = _int_of(key)
            else:
                key = f"n:{nxt}" if nxt is not None else ""
            if key:
                self.facts.constants[text] = key
            nxt = nxt + 1 if nxt is not None else None

    def _directive(self, node: Node) -> None:
        if node.type not in ("preproc_def", "preproc_function_def"):
            return
        name = node.child_by_field_name("name")
        if name is None:
            return
        text = _text(name)
        self.facts.declared.add(text)
        value = node.child_by_field_name("value")
        if node.type == "preproc_def" and value is not None:
            # `#define ARRAY_SIZE MAX_NUMBERS`: the other constant's value under a new name
            key = literal_key("preproc_arg", _text(value)) or self.facts.constants.get(
                _text(value).strip(), ""
            )
            if key:
                self.facts.constants[text] = key


def assigned_names(root: Node) -> set[str]:
    """Names assigned, stepped or whose address is taken anywhere in the program."""
    out = set()
    for n in walk(root):
        stepped = n.type == "update_expression"
        if n.type == "assignment_expression":
            target = n.child_by_field_name("left")
        elif stepped or (n.type == "pointer_expression" and _operator(n) == "&"):
            target = n.child_by_field_name("argument")
        else:
            continue
        if target is not None and target.type == "identifier":
            out.add(_text(target))
    return out


def _operator(node: Node) -> str:
    op = node.child_by_field_name("operator")
    return _text(op) if op is not None else ""


def _int_of(key: str) -> int | None:
    try:
        return int(key[2:]) if key.startswith("n:") else None
    except ValueError:
        return None


def callers(facts: Facts) -> Counter[str]:
    calls: Counter[str] = Counter()
    for f in facts.functions:
        for name, n in f.calls.items():
            if name != f.name:  # recursion is not a use from elsewhere
                calls[name] += n
    return calls


def removed_helpers(parent: Facts, variant: Facts) -> tuple[list[str], list[str], list[str]]:
    """Helpers of the parent gone from the variant: (all, used once, used at several places)."""
    v_names = {f.name for f in variant.functions}
    removed = sorted({f.name for f in parent.functions} - v_names - {"main"})
    if len(variant.functions) >= len(parent.functions):
        return removed, [], []  # as many functions as before: a vanished name is a rename
    used = callers(parent)
    merged = [n for n in removed if used[n] == 1]
    pasted = [n for n in removed if used[n] > 1]
    return removed, merged, pasted
