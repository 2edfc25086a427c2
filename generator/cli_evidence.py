"""`declean evidence` (filled by the evidence work)."""

from collections.abc import Callable
from typing import Any

COMMANDS: dict[str, Callable[..., Any]] = {}
