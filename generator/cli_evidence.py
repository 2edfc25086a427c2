"""`declean evidence PARENT.c VARIANT.c --principle MC [--json]`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer


def _read(path: Path, role: str) -> str:
    from generator.errors import ConfigError

    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read {role} file {path}: {exc.strerror or exc}") from None


def evidence(
    parent: Path = typer.Argument(..., help="The parent program (clean or previous variant)."),
    variant: Path = typer.Argument(..., help="The de-cleaned variant to check."),
    principle: str = typer.Option(
        ..., "--principle", "-p", help="The principle the variant claims to break (DRY, MC...)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a table."),
) -> None:
    """Check that VARIANT breaks PRINCIPLE more than PARENT did, and what else it broke."""
    from generator.errors import ConfigError
    from generator.principles import parse_principles

    principles = parse_principles(principle)
    if len(principles) != 1:
        raise ConfigError(f"--principle takes one principle, got {principle!r}")
    parent_code, variant_code = _read(parent, "parent"), _read(variant, "variant")

    from generator.evidence import check

    ev = check(parent_code, variant_code, principles[0])
    if as_json:
        typer.echo(ev.model_dump_json())
        return
    _print(ev)


def _print(ev: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    colour = {"confirmed": "green", "not_confirmed": "red", "unchecked": "yellow"}[ev.verdict]
    collateral = ", ".join(p.value for p in ev.collateral) or "none"
    console.print(
        f"[bold]{ev.principle.value}[/]: [{colour}]{ev.verdict}[/]   collateral: {collateral}"
    )
    for reason in ev.reasons:
        console.print(f"  - {reason}", highlight=False)
    table = Table("principle", "signal", "parent", "variant", "broken")
    for name, figures in ev.metrics.items():
        signals = figures.get("signals") if isinstance(figures, dict) else None
        if not signals:
            continue
        for i, (signal, values) in enumerate(signals.items()):
            broken = ("yes" if figures["confirmed"] else "no") if i == 0 else ""
            table.add_row(
                name if i == 0 else "",
                signal,
                str(values["parent"]),
                str(values["variant"]),
                broken,
            )
    console.print(table)


COMMANDS: dict[str, Callable[..., Any]] = {"evidence": evidence}
