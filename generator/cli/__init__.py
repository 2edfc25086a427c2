"""The `declean` command: a small typer root that mounts one sub-app per module.

Every module here owns a `typer.Typer` called `app` and registers its commands on it with
`@app.command("name")`. A sub-app with a name (`sandbox`, `problems`, `model`, `workspace`) is
a command group; one without (`run`, `curation`, `dataset`...) adds its commands to the root.
`feedback` registers nothing: it holds what `push`/`pull --feedback` hand over to.

The modules import only typer and the standard library at module level and pull their heavy
dependencies inside the command, so `declean --help` stays fast.
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
    workspace,
)
from generator.errors import DecleanError

app = typer.Typer(
    name="declean",
    help="Manufacture labelled datasets of C code that breaks clean-code principles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# In the order `declean --help` lists them: the root's own commands, then the groups.
MODULES = (
    run,
    evidence,
    audit,
    curation,
    dataset,
    detect,
    demo,
    sandbox,
    problems,
    model,
    workspace,
)
for module in MODULES:
    app.add_typer(module.app)


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
