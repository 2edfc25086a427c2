"""The `declean` command: a small typer root that wires sub-commands.

Each module of this package imports only typer and the standard library at module level and
pulls its heavy dependencies inside the command, so `declean --help` stays fast.
"""

from __future__ import annotations

import errno
import sys
from typing import NoReturn

import typer

from generator.cli import (
    audit,
    curation,
    dataset,
    demo,
    detect,
    evidence,
    model,
    problems,
    run,
    sandbox,
)
from generator.errors import DecleanError

app = typer.Typer(
    name="declean",
    help="Manufacture labelled datasets of C code that breaks clean-code principles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.add_typer(sandbox.app, name="sandbox")
app.add_typer(problems.app, name="problems")
app.add_typer(model.app, name="model")
app.add_typer(curation.workspace_app, name="workspace")
for module in (run, evidence, audit, curation, dataset, detect, demo):
    for name, func in module.COMMANDS.items():
        app.command(name)(func)


def main() -> None:
    from sandbox import SandboxError

    try:
        app()
    except (DecleanError, SandboxError) as exc:
        _fail(str(exc), getattr(exc, "exit_code", 1))
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        # A full disk outside the store (an export, a log): say where and how much is free.
        from pathlib import Path

        from generator.store_faults import disk_full

        _fail(disk_full(Path(exc.filename or "."), store=False))


def _fail(message: str, code: int = 1) -> NoReturn:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    sys.exit(code)
