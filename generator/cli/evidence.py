"""`declean evidence PARENT.c VARIANT.c --principle MC [--json]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

app = typer.Typer()


def _read(path: Path, role: str) -> str:
    from generator.c.text import binary_reason, not_c_reason
    from generator.errors import ConfigError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {role} file {path}: {exc.strerror or exc}") from None
    code = data.decode("utf-8", errors="replace")
    # Prose or random bytes have no functions and no literals to compare, so they would
    # otherwise come out "confirmed"; broken C still passes, as the pipeline sees it too.
    # Control bytes are looked for in the raw bytes (latin-1 maps each to one character):
    # a Latin-1 comment is still C, a NUL is a binary.
    binary = binary_reason(data.decode("latin-1"))
    why = f"it holds binary data ({binary})" if binary else not_c_reason(code)
    if why:
        raise ConfigError(f"{role} file {path} is not a C program: {why}")
    return code


@app.command("evidence")
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

    from generator.c.program import Program
    from generator.principles.check import check

    ev = check(Program(parent_code), Program(variant_code), principles[0])
    independent = _independent(parent_code, variant_code)
    if as_json:
        typer.echo(json.dumps(ev.model_dump(mode="json") | {"independent": independent}))
        return
    _print(ev)
    _print_independent(independent)


def _independent(parent_code: str, variant_code: str) -> dict[str, Any]:
    """The analysers' second opinion; a missing analyser is said, not fatal: declean's own
    evidence above stands without it."""
    from generator.independent import ToolError, judge

    try:
        return judge(parent_code, variant_code).model_dump(mode="json")
    except ToolError as exc:
        typer.echo(f"warning: independent analysers not run: {exc}", err=True)
        return {"confirmed": [], "metrics": {"error": str(exc)}}


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


def _print_independent(independent: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    confirmed = ", ".join(independent["confirmed"]) or "none"
    console.print(f"[bold]independent analysers[/] confirm: {confirmed}", highlight=False)
    table = Table("tool", "signal", "parent", "variant")
    for tool in ("clang-tidy", "lizard", "jscpd"):
        for i, (signal, values) in enumerate(independent["metrics"].get(tool, {}).items()):
            table.add_row(
                tool if i == 0 else "", signal, str(values["parent"]), str(values["variant"])
            )
    console.print(table)
