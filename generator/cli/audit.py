"""`declean audit RUN_DIR [--json]`: each label's backing by evidence, analysers and people."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

app = typer.Typer()


@app.command("audit")
def audit(
    run_dir: Path = typer.Argument(..., help="Run directory (holds declean.sqlite)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Per label: variants, how many the independent analysers agree with, and the rate;
    each analyser's base rate on the clean solutions; curators' decisions after `pull`."""
    from generator.independent.audit import audit as do_audit
    from generator.store import Store

    with Store.open(run_dir, create=False) as store:
        report = do_audit(store, cache_dir=run_dir)
    if as_json:
        typer.echo(report.model_dump_json())
        return
    _print(report)


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.0%}"


def _print(report: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    # Piped output (a report, a log) gets the full analyser names instead of wrapped cells.
    console = Console() if sys.stdout.isatty() else Console(width=120)
    table = Table("label", "variants", "analysers agree", "rate", "evidence confirmed")
    for label, row in report.labels.items():
        table.add_row(label, str(row.variants), str(row.agree), _pct(row.rate), str(row.evidence))
    console.print(table)
    clean = Table("analyser", "principle", "clean solutions", "flagged", "base rate", "mean")
    for name, row in report.clean.items():
        mean = "-" if row.mean is None else str(row.mean)
        clean.add_row(
            name, row.principle.value, str(row.solutions), str(row.flagged), _pct(row.rate), mean
        )
    console.print(clean)
    human = report.human
    if human is None:
        console.print("curators: nothing pulled yet (run `declean pull`)")
    else:
        console.print(
            f"curators: {human.records} records decided, {human.kept} kept "
            f"({_pct(human.share_kept)}; the article kept 54 of 125, 43%)",
            highlight=False,
        )
        people = Table("label", "kept", "removed", "added", "kept rate")
        for label, row in human.labels.items():
            people.add_row(label, str(row.kept), str(row.removed), str(row.added), _pct(row.rate))
        console.print(people)
    console.print(
        f"figures of {report.programs} program(s) read or computed in {report.seconds:.2f} s",
        highlight=False,
    )
