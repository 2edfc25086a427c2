"""`declean train` and `declean eval`: learn a cheap detector from an export, and score any
detector on an export's split or on a labelled folder of real programs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

app = typer.Typer()

DETECTOR_HELP = (
    "A detector folder from `declean train`, or a baseline: nothing, everything, linter,"
    " verdict (declean's reviewer rules)."
    " Unset: the prompt detector on the LLM endpoint."
)


def fmt(x: object) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def print_report(report: dict[str, Any], title: str) -> None:
    from rich.table import Table

    from generator.cli.dataset import console
    from generator.detectors.scoring import METRICS

    table = Table(title=title)
    table.add_column("label")
    for col in METRICS:
        table.add_column(col, justify="right")
    for name, row in report["per_label"].items():
        table.add_row(name, *(fmt(row[m]) for m in METRICS))
    console().print(table)
    typer.echo(
        f"macro-F1 {fmt(report['macro_f1'])}; exact match {fmt(report['exact_match'])}"
        f" ({report['n']} programs)"
    )


@app.command("train")
def train(
    export_dir: Path = typer.Argument(..., help="Export directory written by `declean export`."),
    out: Path | None = typer.Option(
        None, "--out", help="Where to save the detector [EXPORT_DIR/detectors/METHOD]."
    ),
    method: str | None = typer.Option(
        None, "--method", help="tfidf or structure [the default, chosen on real code]."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the test scores as JSON."),
) -> None:
    """Train a cheap detector on the export's train split; score it on its test split; save it."""
    from generator.detectors.methods import DEFAULT
    from generator.detectors.training import train as do_train

    chosen = method or DEFAULT
    target = out or Path(export_dir) / "detectors" / chosen
    detector, report = do_train(Path(export_dir), chosen, target)
    if as_json:
        typer.echo(json.dumps(report))
    else:
        print_report(report, f"{detector.name} on {export_dir}/test")
    meta = detector.meta
    if meta["unlearnt"]:
        flat = ", ".join(meta["unlearnt"])
        typer.echo(
            f"warning: every training row has the same value for {flat}: the detector always"
            " answers it that way (export more problems)",
            err=True,
        )
    typer.echo(
        f"saved {target} ({meta['method']}, {meta['training_rows']} training rows in"
        f" {meta['training_seconds']:.1f} s); score it on real code with"
        f" `declean eval {export_dir} --detector {target} --real DIR`",
        err=as_json,
    )


@app.command("eval")
def eval_(
    export_dir: Path = typer.Argument(..., help="Export directory written by `declean export`."),
    split_name: str = typer.Option("test", "--split", help="Split to evaluate."),
    real: Path | None = typer.Option(
        None, "--real", help="Score on a labelled folder instead: DIR/programs/*.c, DIR/gold.tsv."
    ),
    detector: str | None = typer.Option(None, "--detector", help=DETECTOR_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object, for scripts."),
    base_url: str | None = typer.Option(
        None, "--base-url", help="OpenAI-compatible endpoint; unset: the embedded model."
    ),
    model: str | None = typer.Option(None, "--model", help="Model name at the endpoint."),
    structured: bool = typer.Option(
        True,
        "--structured/--no-structured",
        help="Ask for JSON-schema structured output (falls back to plain if refused).",
    ),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N programs."),
    concurrency: int | None = typer.Option(None, "--concurrency", min=1, help="Calls in flight."),
) -> None:
    """Score a detector: per label F1, Jaccard, P, R, ROC AUC; macro-F1 and exact match."""
    from generator.config import load_llm_settings
    from generator.detectors.evaluate import evaluate

    settings = load_llm_settings(base_url=base_url, model=model, concurrency=concurrency)
    log = (lambda text: typer.echo(text, err=True)) if as_json else typer.echo
    result = evaluate(export_dir, split_name, real, detector, settings, structured, limit, log)
    if as_json:
        typer.echo(json.dumps(result.report))
        return
    tgt = result.target
    print_report(result.report, f"{result.answer.detector} on {tgt.split}: {tgt.source}")
    about = result.answer.extra
    if about.get("kind") == "prompt":
        typer.echo(
            f"unparseable {about['unparseable']}; failed calls {about['errors']} (scored as no"
            f" label); cached {about['cached']}/{len(tgt.rows)}"
        )
    if tgt.left_out:
        typer.echo(f"left out {tgt.left_out} NO_COMPILE row(s): their principles are unknown")
    trained_test = (about.get("meta") or {}).get("scores", {}).get("test")
    if tgt.folder and trained_test:
        print_side_by_side(trained_test, result.report, tgt.folder)
    typer.echo(f"saved {result.json_path} and {result.md_path}")


def print_side_by_side(test: dict[str, Any], real: dict[str, Any], folder: str) -> None:
    """A trained detector's scores on its export's test split (saved when it was trained)
    beside those on the real folder: the gap is what the data did not teach."""
    from rich.table import Table

    from generator.cli.dataset import console

    table = Table(title=f"synthetic test ({test['n']}) beside real: {folder} ({real['n']})")
    for col in ("label", "test F1", "real F1", "test AUC", "real AUC"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for name, row in real["per_label"].items():
        before = test["per_label"][name]
        table.add_row(name, fmt(before["f1"]), fmt(row["f1"]), fmt(before["auc"]), fmt(row["auc"]))
    table.add_section()
    table.add_row("macro-F1", fmt(test["macro_f1"]), fmt(real["macro_f1"]), "", "")
    console().print(table)
