"""`declean split/export/eval` (filled by the dataset work)."""

from collections.abc import Callable
from typing import Any

COMMANDS: dict[str, Callable[..., Any]] = {}
