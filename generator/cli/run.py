"""`declean run` and `declean status`."""

from pathlib import Path

import typer

app = typer.Typer()


@app.command("run")
def run(
    problems: Path = typer.Option(None, "--problems", help="Problem corpus directory."),
    run_dir: Path = typer.Option(None, "--run-dir", help="Run directory; re-run to resume."),
    limit: int = typer.Option(None, "--limit", help="Only the first N problems (by id)."),
    tags: str = typer.Option(None, "--tags", help="Only problems with one of these tags."),
    samples: int = typer.Option(None, "--samples", help="Clean solutions per problem."),
    principles: str = typer.Option(None, "--principles", help="e.g. DRY,SRP,MC,NAME"),
    order: str = typer.Option(None, "--order", help="fixed | random (per sample, chain)."),
    editor: str = typer.Option(
        None, "--editor", help="procedural (no LLM) | llm | mixed: who de-cleans."
    ),
    combinations: str = typer.Option(
        None, "--combinations", help="all (every subset of the principles) | chain."
    ),
    concurrency: int = typer.Option(None, "--concurrency", help="LLM requests in flight."),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint."),
    model: str = typer.Option(None, "--model", help="Model name at the endpoint."),
    seed: int = typer.Option(None, "--seed", help="Base seed."),
    temperature: float = typer.Option(None, "--temperature", help="Clean temperature."),
    clean_from: Path = typer.Option(
        None,
        "--clean-from",
        help="Your clean solutions, DIR/<problem-id>.c or DIR/<problem-id>/*.c, used as is.",
    ),
    max_fixes: int = typer.Option(None, "--max-fixes", help="Fix-loop rounds."),
    clean_fixes: int = typer.Option(
        None, "--clean-fixes", help="Fix-loop rounds for a clean solution [embedded: 0]."
    ),
    retries: int = typer.Option(None, "--retries", help="De-clean retries."),
    backend: str = typer.Option(None, "--backend", help="Sandbox: auto|firejail|docker."),
    targets: bool = typer.Option(
        None, "--targets/--no-targets", help="Name what to edit in de-clean prompts."
    ),
    fix_expected: bool = typer.Option(
        None, "--fix-expected/--no-fix-expected", help="Fix wrong clean outputs."
    ),
    require_expected: bool = typer.Option(
        None, "--require-expected/--no-require-expected", help="Reject them if still wrong."
    ),
    model_path: Path = typer.Option(None, "--model-path", help="GGUF for the embedded model."),
    embedded_size: str = typer.Option(None, "--embedded-size", help="1.5b | 0.5b"),
    config: Path = typer.Option(None, "--config", help="TOML file with the same options."),
    restart_changed: bool = typer.Option(
        False,
        "--restart-changed",
        help="Redo the samples made from problems, prompts or settings that changed since.",
    ),
) -> None:
    """Generate clean solutions and de-cleaned variants (resumable).

    Exits 75 when work is left to do (LLM or sandbox failures to retry, an endpoint that
    went down): run the same command again to resume."""
    from rich.console import Console

    from generator.config import load_config
    from generator.errors import RunIncomplete
    from generator.funnel import status as run_status
    from generator.leftover import leftover
    from generator.report import print_status
    from generator.run import execute

    cfg = load_config(
        config,
        problems=problems,
        run_dir=run_dir,
        limit=limit,
        tags=tags,
        samples=samples,
        principles=principles,
        order=order,
        combinations=combinations,
        editor=editor,
        concurrency=concurrency,
        base_url=base_url,
        model=model,
        seed=seed,
        temperature=temperature,
        clean_from=clean_from,
        max_fixes=max_fixes,
        clean_fixes=clean_fixes,
        retries=retries,
        backend=backend,
        targets=targets,
        fix_expected=fix_expected,
        require_expected=require_expected,
        model_path=model_path,
        embedded_size=embedded_size,
    )
    console = Console(stderr=True)
    store = execute(cfg, console, restart_changed=restart_changed)
    print_status(run_status(store), Console())
    left = leftover(store, cfg.transient_tries)
    store.close()
    if left:
        raise RunIncomplete(left.message())


@app.command("status")
def status(
    run_dir: Path = typer.Argument(..., help="A run directory."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object on stdout."),
) -> None:
    """The funnel per stage and principle, and LLM figures."""
    import json

    from rich.console import Console

    from generator.funnel import status as run_status
    from generator.report import print_status
    from generator.store import Store

    with Store.open(run_dir, create=False) as store:
        data = run_status(store)
    if as_json:
        print(json.dumps(data, indent=2))
    else:
        print_status(data, Console())
