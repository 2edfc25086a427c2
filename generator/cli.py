"""The `declean` command: a small typer root that wires sub-commands.

Each `cli_*` module imports only typer and the standard library at module level and pulls
its heavy dependencies inside the command, so `declean --help` stays fast.
"""

from __future__ import annotations

import errno
import sys
from typing import NoReturn

import typer

from generator import (
    cli_audit,
    cli_curation,
    cli_dataset,
    cli_demo,
    cli_detect,
    cli_evidence,
    cli_model,
    cli_problems,
    cli_run,
    cli_sandbox,
)
from generator.errors import DecleanError

app = typer.Typer(
    name="declean",
    help="Manufacture labelled datasets of C code that breaks clean-code principles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.add_typer(cli_sandbox.app, name="sandbox")
app.add_typer(cli_problems.app, name="problems")
app.add_typer(cli_model.app, name="model")
app.add_typer(cli_curation.workspace_app, name="workspace")
for module in (cli_run, cli_evidence, cli_audit, cli_curation, cli_dataset, cli_detect, cli_demo):
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

        from generator.store.faults import disk_full

        _fail(disk_full(Path(exc.filename or "."), store=False))


def _fail(message: str, code: int = 1) -> NoReturn:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    sys.exit(code)
