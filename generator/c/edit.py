"""A procedural edit of a C program: what every transformation returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.c.program import Program


@dataclass(frozen=True)
class Edit:
    """A procedural edit: the new program, which transform made it, and what it touched.

    The program is a `Program`, not its text: the one the editor checked when it had to,
    so the gates after it read that tree instead of parsing the text again."""

    program: Program
    transform: str  # e.g. inline_constants, vague_rename, paste_helper, merge_helper
    details: dict[str, Any] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.program.code
