"""`declean problems check`: validate a problem corpus before paying for any LLM call."""

from pathlib import Path

import typer

app = typer.Typer(name="problems", help="The problem corpus.", no_args_is_help=True)


@app.command("check")
def check(
    directory: Path = typer.Argument(None, help="Corpus directory (default: problems/)."),
) -> None:
    """Validate every problem file and print a summary."""
    from collections import Counter

    from rich.console import Console
    from rich.table import Table

    from generator.problems import load_problems

    problems = load_problems(directory)
    table = Table(title=f"{len(problems)} problems")
    for col in ("id", "title", "inputs", "tags"):
        table.add_column(col)
    for p in problems:
        table.add_row(p.id, p.title, str(len(p.inputs)), ", ".join(p.tags))
    console = Console()
    console.print(table)
    tags = Counter(t for p in problems for t in p.tags)
    console.print("tags: " + ", ".join(f"{t} ({n})" for t, n in tags.most_common()))
    n_inputs = sum(len(p.inputs) for p in problems)
    console.print(f"[green]ok[/]: {len(problems)} problems, {n_inputs} inputs")


@app.command("import")
def import_course(
    course: Path = typer.Argument(..., help="A course laid out like C-Pack-IPAs (read only)."),
    out: Path = typer.Option(..., "--out", help="Where to write problems/, reference/, roots/."),
    prefix: str = typer.Option("ipas", "--prefix", help="Problem ids: <prefix>-labNN-exMM."),
    exclude: list[Path] = typer.Option(
        [], "--exclude", help="A labelled folder (programs/*.c) never to take a root from."
    ),
    backend: str = typer.Option("auto", "--backend", help="Sandbox: auto|firejail|docker."),
) -> None:
    """A course's exercises as problems, its references, its accepted submissions as roots."""
    from generator.course import import_course as run_import

    summary = run_import(course, out, prefix=prefix, exclude=exclude, backend=backend)
    print(summary.line())
    print(f"next: declean run --problems {out / 'problems'} --clean-from {out / 'roots'}")
