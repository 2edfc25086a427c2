"""Mechanical clean-up after an edit the LLM did: a helper it pasted and no longer calls.

Measured on the 1.5B model: asked to "replace the call by the body, then delete the
function", it deleted the function and left the call out or in place; the deletion is the
part a program can do exactly, so the prompt asks only for the paste and this removes the
definition (and any prototype) once nothing calls it. Recorded on the sample like a repair.
"""

from __future__ import annotations

import tree_sitter_c
from tree_sitter import Language, Node, Parser

from generator.evidence.facts import declarator_name

_PARSER = Parser(Language(tree_sitter_c.language()))


def drop_unused_function(code: str, name: str) -> str:
    """`code` without the definition and prototypes of `name` when nothing calls it."""
    source = code.encode("utf-8", "replace")
    root = _PARSER.parse(source).root_node
    if root.has_error:
        return code  # let the compiler and the fix loop speak about a broken program
    spans = [n for n in root.children if _declares(n, name)]
    if not spans or _calls(root, name):
        return code
    out = bytearray(source)
    for node in sorted(spans, key=lambda n: n.start_byte, reverse=True):
        end = node.end_byte
        while end < len(out) and out[end : end + 1] == b"\n":
            end += 1
        del out[node.start_byte : end]
    return out.decode("utf-8", "replace")


def _declares(node: Node, name: str) -> bool:
    if node.type not in ("function_definition", "declaration"):
        return False
    decl = node.child_by_field_name("declarator")
    while decl is not None and decl.type == "pointer_declarator":
        decl = decl.child_by_field_name("declarator")
    if decl is None or decl.type != "function_declarator":
        return False
    ident = declarator_name(decl)
    return ident is not None and ident.text == name.encode()


def _calls(root: Node, name: str) -> bool:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            fn = node.child_by_field_name("function")
            if fn is not None and fn.text == name.encode():
                return True
        stack.extend(node.children)
    return False
