"""What one principle's checker reports when comparing a variant with its parent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.c.facts import Facts


@dataclass
class Finding:
    confirmed: bool
    # signal name -> {"parent": ..., "variant": ...}; compared values, always both sides
    signals: dict[str, dict[str, Any]] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)  # e.g. which names, which constants
    reasons: list[str] = field(default_factory=list)

    def as_metrics(self) -> dict[str, Any]:
        return {
            "confirmed": self.confirmed,
            "signals": self.signals,
            "thresholds": self.thresholds,
            "details": self.details,
        }


Checker = Callable[["Facts", "Facts"], Finding]


def pair(parent: Any, variant: Any) -> dict[str, Any]:
    return {"parent": parent, "variant": variant}


SHOWN = 4  # names or values a reason lists before "and N more"


def listing(items: list[str]) -> str:
    more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more
