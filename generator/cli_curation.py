"""`declean push/pull` and `declean workspace ...` (filled by the curation work)."""

from collections.abc import Callable
from typing import Any

import typer

workspace_app = typer.Typer(help="A local Argilla annotation workspace.", no_args_is_help=True)
COMMANDS: dict[str, Callable[..., Any]] = {}
