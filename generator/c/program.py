"""One C program parsed once into one value.

`Program` carries the source, its syntax tree and its facts, each computed on first use and
kept, so a principle that asks for targets, makes an edit and checks it reads the parent's
tree once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from tree_sitter import Node, Tree

from generator.c import syntax
from generator.c.facts import Facts, facts_of
from generator.c.syntax import NAME_NODES, function_name, text, walk


@dataclass(frozen=True)
class Program:
    """One C program: source, tree and facts, parsed once and passed along."""

    code: str

    @cached_property
    def tree(self) -> Tree:
        # Looked up at call time, not bound at import: `syntax.parse` is the one place a
        # text becomes a tree, so a test can count (or uncache) every parse there.
        return syntax.parse(self.code)

    @property
    def root(self) -> Node:
        return self.tree.root_node

    @cached_property
    def facts(self) -> Facts:
        return facts_of(self.root)

    @cached_property
    def functions(self) -> dict[str, Node]:
        """Top-level function definitions by name."""
        out: dict[str, Node] = {}
        for node in self.root.children:
            if (name := function_name(node)) is not None:
                out[name] = node
        return out

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of the source, strings and comments included: what a new name must
        not be, so no rename can capture or shadow anything."""
        return frozenset(re.findall(r"\w+", self.code))

    @cached_property
    def macro_words(self) -> frozenset[str]:
        """Words inside #define bodies: text the parser does not read as code, so a name
        used there cannot be renamed or inlined by editing identifier nodes."""
        out: set[str] = set()
        for n in walk(self.root):
            if n.type in ("preproc_arg", "preproc_params"):
                out.update(re.findall(r"\w+", text(n)))
        return frozenset(out)

    def identifiers(self, names: set[str] | frozenset[str]) -> list[Node]:
        """The `identifier` nodes spelled as one of `names` (not fields, not types)."""
        return [n for n in walk(self.root) if n.type == "identifier" and text(n) in names]

    def spelled(self, kinds: frozenset[str] = NAME_NODES) -> dict[str, set[str]]:
        """Each name with the node kinds it is spelled as (identifier, field, type)."""
        out: dict[str, set[str]] = {}
        for n in walk(self.root):
            if n.type in kinds:
                out.setdefault(text(n), set()).add(n.type)
        return out
