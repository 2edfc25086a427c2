"""The worked example inside a problem statement, the one piece of it that is checkable.

A statement may end with

    Example input:
        <stdin lines, indented by 4 spaces>
    Example output:
        <stdout lines, indented by 4 spaces>

Small models follow a shown input/output pair far better than prose, so the example must be
exactly what the reference prints: scripts/fill_expected.py rewrites the output block from the
reference and tests/corpus checks it in the sandbox.
"""

from __future__ import annotations

import re

INDENT = "    "
EXAMPLE = re.compile(
    r"^Example input:\n(?P<input>(?:    .*\n)+)Example output:\n(?P<output>(?:    .*\n)*)",
    re.MULTILINE,
)


def _dedent(block: str) -> str:
    return "".join(line[len(INDENT) :] + "\n" for line in block.splitlines())


def _indent(text: str) -> str:
    return "".join(INDENT + line + "\n" for line in text.splitlines())


def example_of(statement: str) -> tuple[str, str] | None:
    """(stdin, stdout) of the statement's example, or None if it has none."""
    match = EXAMPLE.search(statement)
    if match is None:
        return None
    return _dedent(match["input"]), _dedent(match["output"])


def with_example_output(statement: str, stdout: str) -> str:
    """The statement with its example output block replaced by `stdout`."""
    match = EXAMPLE.search(statement)
    if match is None:
        return statement
    start, end = match.span("output")
    return statement[:start] + _indent(stdout) + statement[end:]
