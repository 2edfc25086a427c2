"""A procedural edit of a C program: what every transformation returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Edit:
    """A procedural edit: the new program, which transform made it, and what it touched."""

    code: str
    transform: str  # e.g. inline_constants, vague_rename, paste_helper, merge_helper
    details: dict[str, Any] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
