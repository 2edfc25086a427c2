"""Mechanical, behaviour-preserving rewrites of one principle, to test the checks at scale.

Each rewrite is exactly one principle's change and nothing else, so on any clean program
the evidence must confirm that principle (or nothing, for the neutral ones) and no other.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from generator.c.facts import analyse
from generator.c.syntax import PARSER as _PARSER

NAMES = ("identifier", "field_identifier", "type_identifier")


def _name_nodes(code: bytes) -> list[Node]:
    out, stack = [], [_PARSER.parse(code).root_node]
    while stack:
        node = stack.pop()
        if node.type in NAMES:
            out.append(node)
        stack.extend(node.children)
    return out


def _renamable(code: str) -> list[str]:
    facts = analyse(code)
    # Names also used inside a macro body are left alone: the macro text is not parsed.
    macro_text = " ".join(re.findall(r"^\s*#\s*define\s+\w+(?:\([^)]*\))?(.*)$", code, re.M))
    used_in_macros = set(re.findall(r"\w+", macro_text))
    return sorted(n for n in facts.declared - {"main"} if n not in used_in_macros)


def rename(code: str, mapping: dict[str, str]) -> str:
    data = code.encode()
    for node in sorted(_name_nodes(data), key=lambda n: n.start_byte, reverse=True):
        new = mapping.get(node.text.decode())
        if new is not None:
            data = data[: node.start_byte] + new.encode() + data[node.end_byte :]
    return data.decode()


def vague_names(code: str) -> str:
    """NAME: every declared name becomes v1, v2, ..."""
    taken = set(re.findall(r"\w+", code))
    fresh = (f"v{k}" for k in range(1, 10_000) if f"v{k}" not in taken)
    return rename(code, {n: next(fresh) for n in _renamable(code)})


def longer_names(code: str) -> str:
    """Not NAME: every declared name keeps its meaning and gains a word."""
    return rename(code, {n: f"{n}_item" for n in _renamable(code)})


def inline_defines(code: str) -> str:
    """MC: each `#define NAME <literal>` is deleted and its value written at every use."""
    facts = analyse(code)
    values = {}
    for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+(\S.*?)[ \t]*$", code, re.M):
        name, value = m.group(1), m.group(2)
        if name in facts.constants and facts.uses(name) > 0:
            values[name] = value
    if not values:
        return code
    pattern = r"^[ \t]*#[ \t]*define[ \t]+(" + "|".join(values) + r")\b.*\n"
    return rename(re.sub(pattern, "", code, flags=re.M), values)


def reformat(code: str) -> str:
    """Nothing: the same program with other indentation and brace placement."""
    return re.sub(r"\)\s*\{", ")\n{", code).replace("    ", "\t")


def _walk(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.children)
    return out


def void_helpers(code: str) -> dict[str, int]:
    """`void` helpers without `return`, called only as statements: name -> call sites."""
    root = _PARSER.parse(code.encode()).root_node
    helpers: dict[str, int] = {}
    for fn in root.named_children:
        if fn.type != "function_definition" or fn.child_by_field_name("type").text != b"void":
            continue
        decl = fn.child_by_field_name("declarator")
        if decl is None or decl.type != "function_declarator":
            continue
        body = fn.child_by_field_name("body")
        params = [p for p in decl.child_by_field_name("parameters").named_children]
        if any(n.type == "return_statement" for n in _walk(body)) or not params:
            continue
        if any(p.type != "parameter_declaration" or p.text == b"void" for p in params):
            continue
        helpers[decl.child_by_field_name("declarator").text.decode()] = 0
    for node in _walk(root):
        if node.type == "call_expression":
            name = node.child_by_field_name("function").text.decode()
            if name in helpers:
                ok = node.parent is not None and node.parent.type == "expression_statement"
                helpers[name] = helpers[name] + 1 if ok and helpers[name] >= 0 else -1
    return {n: c for n, c in helpers.items() if c > 0}


def inline_helper(code: str, name: str) -> str:
    """Paste a `void` helper's body at each call site, parameters bound in a block.

    Called once, that merges a job into the caller (SRP); called more often, it
    duplicates the body (DRY). Parameters get an `_arg` suffix so `f(count)` cannot bind
    a parameter `count` to itself.
    """
    data = code.encode()
    root = _PARSER.parse(data).root_node
    fn = next(
        f
        for f in root.named_children
        if f.type == "function_definition"
        and declarator_text(f.child_by_field_name("declarator")) == name
    )
    params = fn.child_by_field_name("declarator").child_by_field_name("parameters")
    names, decls = [], []
    for p in params.named_children:
        pname = _pname(p)
        names.append(pname)
        text = p.text.decode()
        text = re.sub(rf"\b{pname}\s*\[[^\]]*\]", f"(*{pname}_arg)", text, count=1)
        decls.append(re.sub(rf"\b{pname}\b", f"{pname}_arg", text, count=1))
    body = fn.child_by_field_name("body")
    inner = rename(body.text.decode(), {n: f"{n}_arg" for n in names})
    edits: list[tuple[int, int, bytes]] = [(fn.start_byte, fn.end_byte, b"")]
    for node in _walk(root):
        if node.type == "call_expression" and node.child_by_field_name("function").text == (
            name.encode()
        ):
            args = [a.text.decode() for a in node.child_by_field_name("arguments").named_children]
            binds = " ".join(f"{d} = {a};" for d, a in zip(decls, args, strict=True))
            stmt = node.parent
            edits.append((stmt.start_byte, stmt.end_byte, f"{{ {binds} {inner} }}".encode()))
    for decl in root.named_children:
        if decl.type == "declaration" and declarator_text(decl) == name:
            edits.append((decl.start_byte, decl.end_byte, b""))  # the prototype
    for start, end, text in sorted(edits, reverse=True):
        data = data[:start] + text + data[end:]
    return data.decode()


def declarator_text(decl: Node | None) -> str:
    while decl is not None and decl.type != "identifier":
        decl = decl.child_by_field_name("declarator")
    return decl.text.decode() if decl is not None else ""


def _pname(param: Node) -> str:
    return declarator_text(param.child_by_field_name("declarator"))
