"""`declean split` and `declean export`: from a run to a dataset."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from generator.dataset.rows import Labels, Source
    from generator.dataset.split import Balance

app = typer.Typer()

SOURCE_HELP = "auto: accepted samples (clean ones are the negatives); curated: curators' keeps."


def _source(value: str) -> Source:
    from generator.dataset.rows import Source
    from generator.errors import ConfigError

    try:
        return Source(value.strip().lower())
    except ValueError:
        raise ConfigError(f"--source must be 'auto' or 'curated', got {value!r}") from None


def _labels(value: str) -> Labels:
    from generator.dataset.rows import Labels
    from generator.errors import ConfigError

    try:
        return Labels(value.strip().lower())
    except ValueError:
        raise ConfigError(f"--labels must be 'reviewer' or 'injected', got {value!r}") from None


def _mix(rows: list[Any], balance: str, rates: str, seed: int) -> dict[str, Any]:
    """What `--balance` keeps: the dropped ids, and the target rates when natural."""
    from generator.dataset.natural import natural, parse_rates
    from generator.errors import ConfigError

    mode = balance.strip().lower()
    if mode not in ("lattice", "natural"):
        raise ConfigError(f"--balance must be 'lattice' or 'natural', got {balance!r}")
    if mode == "lattice":
        if rates:
            raise ConfigError("--rates needs --balance natural")
        return {"balance_mode": mode, "dropped": []}
    target = parse_rates(rates)
    return {"balance_mode": mode, "rates": target, "dropped": natural(rows, target, seed)}


def console() -> Console:
    from rich.console import Console

    out = Console()
    if not out.is_terminal:
        out.width = 120  # piped to a file or a test: rich's 80 columns would clip the tables
    return out


def print_balance(balance: Balance, title: str) -> None:
    from rich.table import Table

    table = Table(title=title)
    for col in ("label", "train", "test", "train freq", "test freq", "gap"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for i, name in enumerate(balance.labels):
        if balance.train[i] + balance.test[i] == 0:
            continue
        table.add_row(
            name,
            str(balance.train[i]),
            str(balance.test[i]),
            f"{balance.freq('train', i):.3f}",
            f"{balance.freq('test', i):.3f}",
            f"{balance.gap(i):.3f}",
        )
    table.add_section()
    table.add_row(
        "samples",
        str(balance.n_train),
        str(balance.n_test),
        "",
        f"share {balance.test_share:.3f}",
        f"max {balance.max_gap:.3f}",
    )
    table.add_row("problems", str(balance.problems_train), str(balance.problems_test))
    console().print(table)


@app.command("split")
def split(
    run_dir: Path = typer.Argument(..., help="Run directory (holds declean.sqlite)."),
    test_size: float = typer.Option(0.5, "--test-size", help="Share of samples in test."),
    seed: int = typer.Option(0, "--seed", help="Seed of the balance search."),
    source: str = typer.Option("auto", "--source", help=SOURCE_HELP),
    include_no_compile: bool = typer.Option(
        True,
        "--include-no-compile/--exclude-no-compile",
        help="Add programs that failed to compile, labelled NO_COMPILE.",
    ),
    restarts: int = typer.Option(64, "--restarts", min=1, help="Random restarts of the search."),
    labels: str = typer.Option(
        "reviewer",
        "--labels",
        help="reviewer: what a reviewer would say of each program (the principles' verdicts);"
        " injected: what the edits did. `export` uses the split's choice.",
    ),
    balance: str = typer.Option(
        "lattice",
        "--balance",
        help="lattice: every row the run made; natural: drop rows until each label's rate is"
        " near --rates, the mix real code has.",
    ),
    rates: str = typer.Option(
        "",
        "--rates",
        help="Target label rates for --balance natural, e.g. DRY=0.13,SRP=0.07 [real course"
        " programs: DRY 0.13, SRP 0.07, MC 0.09, NAME 0.21].",
    ),
) -> None:
    """Split a run's samples into train/test by problem, balancing label frequencies."""
    from generator.dataset.rows import load_rows
    from generator.dataset.split import (
        balance_of,
        balanced_split,
        check_test_size,
        random_split,
        save_split,
    )
    from generator.store import Store

    src = _source(source)
    meaning = _labels(labels)
    check_test_size(test_size)
    with Store.open(run_dir, create=False) as store:
        rows = load_rows(store, src, include_no_compile, meaning)
        mix = _mix(rows, balance, rates, seed)
        rows = [r for r in rows if r.id not in mix["dropped"]]
        assignment = balanced_split(rows, test_size, seed, restarts)
        balance = balance_of(rows, assignment)
        baseline = balance_of(rows, random_split(rows, test_size, seed))
        save_split(
            store,
            src,
            assignment,
            {
                "seed": seed,
                "test_size": test_size,
                "include_no_compile": include_no_compile,
                "labels": meaning.value,
                **mix,
                "restarts": restarts,
                "rows": len(rows),
                "balance": balance.as_dict(),
            },
        )
    print_balance(balance, f"{src.value} split of {run_dir} (test size {test_size}, seed {seed})")
    typer.echo(
        f"max label-frequency gap {balance.max_gap:.3f}"
        f" (a random problem-level split with this seed: {baseline.max_gap:.3f});"
        f" stored in {run_dir}, used by `declean export {run_dir} --source {src.value}`"
    )


@app.command("export")
def export(
    run_dir: Path = typer.Argument(..., help="Run directory (holds declean.sqlite)."),
    out: Path | None = typer.Option(
        None, "--out", help="Export directory (default: exports/RUN_DIR_NAME)."
    ),
    source: str = typer.Option("auto", "--source", help=SOURCE_HELP),
    push_to_hub: str | None = typer.Option(
        None, "--push-to-hub", help="Also upload to this Hugging Face dataset repo (user/name)."
    ),
    license_id: str = typer.Option("apache-2.0", "--license", help="Licence id for the card."),
    feedback: Path | None = typer.Option(
        None, "--feedback", help="A demo directory: its curated programs join split `real`."
    ),
    real: list[Path] | None = typer.Option(
        None,
        "--real",
        help="A labelled folder of real programs (DIR/programs/*.c, DIR/gold.tsv): joins split"
        " `real`, and the card shows how a detector trained on this export does on it."
        " Repeatable.",
    ),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="Replace a non-empty --out whole, whatever it holds."
    ),
) -> None:
    """Write the split run as a Hugging Face dataset: Arrow, Parquet, card, figures, chat JSONL."""
    from generator.dataset.export import export as do_export
    from generator.dataset.export import push

    src = _source(source)
    target = out or Path("exports") / Path(run_dir).resolve().name
    from generator.store.faults import writing

    with writing(target):
        result = do_export(
            Path(run_dir), target, src, license_id, feedback, real, overwrite=overwrite
        )
    print_balance(result.balance, f"export {target}")
    typer.echo(
        f"wrote {target}: train {result.sizes['train']}, test {result.sizes['test']} samples"
        + (f", real {result.sizes['real']} (people's code)" if "real" in result.sizes else "")
        + " (README.md, data/*.parquet, arrow/, chat/*.jsonl, figures/*.png)"
    )
    if push_to_hub:
        url = push(target, push_to_hub)
        typer.echo(f"pushed to {url}")
