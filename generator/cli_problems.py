"""`declean problems check`: validate a problem corpus before paying for any LLM call."""

from pathlib import Path

import typer

app = typer.Typer(help="The problem corpus.", no_args_is_help=True)


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
