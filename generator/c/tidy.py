"""Mechanical clean-up after an edit the LLM did: a helper it pasted and no longer calls.

Measured on the 1.5B model: asked to "replace the call by the body, then delete the
function", it deleted the function and left the call out or in place; the deletion is the
part a program can do exactly, so the prompt asks only for the paste and this removes the
definition (and any prototype) once nothing calls it. Recorded on the sample like a repair.
"""

from __future__ import annotations

from tree_sitter import Node

from generator.c.program import Program
from generator.c.syntax import calls, declarator_name, delete_spans


def drop_unused_function(program: Program, name: str) -> Program:
    """`program` without the definition and prototypes of `name` when nothing calls it:
    the same `Program` when nothing goes, else a new one (parsed when first read)."""
    top = program.root
    if top.has_error:
        return program  # let the compiler and the fix loop speak about a broken program
    spans = [(n.start_byte, n.end_byte) for n in top.children if _declares(n, name)]
    if not spans or calls(top, name):
        return program
    return Program(delete_spans(program.code, spans))


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
