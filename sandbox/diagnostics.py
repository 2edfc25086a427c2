"""Parse gcc/ld output into `Diagnostic`s, the form the fix loop feeds back to the LLM."""

from __future__ import annotations

import re

from sandbox.results import Diagnostic

_LOCATED = re.compile(
    r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?:(?P<column>\d+):)?\s*"
    r"(?P<severity>fatal error|error|warning|note):\s*(?P<message>.*)$"
)
_TOOL = re.compile(
    r"^(?P<tool>cc1|gcc|collect2|/usr/bin/ld|ld):\s*"
    r"(?P<severity>fatal error|error|warning):\s*(?P<message>.*)$"
)
_LINKER = re.compile(r"^.*?:\s*(?P<message>undefined reference to .*)$")


def parse_diagnostics(output: str, source_name: str = "main.c") -> list[Diagnostic]:
    """Located messages keep line/column only when they point into the program's own file."""
    found: list[Diagnostic] = []
    for raw in output.splitlines():
        line = raw.rstrip()
        if match := _LOCATED.match(line):
            own_file = match["file"].endswith(source_name)
            found.append(
                Diagnostic(
                    line=int(match["line"]) if own_file else None,
                    column=int(match["column"]) if own_file and match["column"] else None,
                    severity=_severity(match["severity"]),
                    message=match["message"]
                    if own_file
                    else f"{match['file']}: {match['message']}",
                )
            )
        elif match := _TOOL.match(line):
            found.append(_unlocated(match["severity"], match["message"]))
        elif match := _LINKER.match(line):
            found.append(_unlocated("error", match["message"]))
    return found


def _unlocated(severity: str, message: str) -> Diagnostic:
    return Diagnostic(line=None, column=None, severity=_severity(severity), message=message)


def _severity(raw: str) -> str:
    return "error" if raw == "fatal error" else raw
