"""`declean dedup` and `declean push/pull` (`declean workspace` serves the Argilla they talk to)."""

from pathlib import Path

import typer

app = typer.Typer()

RunDir = typer.Argument(..., help="Run directory (holds declean.sqlite).")
ApiUrl = typer.Option(None, "--api-url", help="Argilla URL [env ARGILLA_API_URL].")
ApiKey = typer.Option(None, "--api-key", help="Argilla API key [env ARGILLA_API_KEY].")
Dataset = typer.Option(
    None, "--dataset", help="Dataset name [default: declean-<run dir name>-<run id>]."
)
OptRunDir = typer.Argument(None, help="Run directory (holds declean.sqlite).")
Feedback = typer.Option(None, "--feedback", help="A demo directory: curate its feedback instead.")


def _run_dir(run_dir: Path | None) -> Path:
    from generator.errors import ConfigError

    if run_dir is None:
        raise ConfigError("give a RUN_DIR, or --feedback DIR for the demo's feedback")
    return run_dir


@app.command("dedup")
def dedup(
    run_dir: Path = RunDir,
    threshold: float = typer.Option(0.85, min=0.01, max=1.0, help="Near-duplicate Jaccard."),
    canonical_identifiers: bool = typer.Option(
        False, "--canonical-identifiers", help="Treat programs that differ only in names as equal."
    ),
) -> None:
    """Reject duplicates among accepted samples (per problem and label set)."""
    from generator.dedup import dedup_store
    from generator.store import Store

    with Store.open(run_dir, create=False) as store:
        report = dedup_store(store, threshold, canonical_identifiers)
    typer.echo(
        f"dedup: {report.checked} accepted samples in {report.groups} groups; "
        f"{report.duplicates} duplicates rejected ({report.exact} exact, {report.near} near)"
    )
    for kind, row in sorted(report.by_kind.items()):
        typer.echo(f"  {kind:<8} checked {row['checked']:>6}  duplicates {row['duplicates']:>6}")


@app.command("push")
def push(
    run_dir: Path | None = OptRunDir,
    feedback: Path | None = Feedback,
    dataset: str | None = Dataset,
    workspace: str = typer.Option("declean", envvar="ARGILLA_WORKSPACE", help="Argilla workspace."),
    api_url: str | None = ApiUrl,
    api_key: str | None = ApiKey,
    min_submitted: int = typer.Option(
        1, min=1, help="Submitted responses a record needs before Argilla calls it complete."
    ),
    batch_size: int = typer.Option(100, min=1, max=500, help="Records per request."),
    merge: bool = typer.Option(
        False, "--merge", help="Add this run to a dataset that belongs to another run."
    ),
) -> None:
    """Create or update the Argilla dataset with the accepted samples (only new or changed)."""
    if feedback is not None:
        from generator.cli.feedback import push_feedback

        return push_feedback(feedback, dataset, workspace, api_url, api_key)
    run_dir = _run_dir(run_dir)
    from generator.curation.client import Argilla, settings
    from generator.curation.push import push as do_push
    from generator.store import Store

    url, key = settings(api_url, api_key)
    with Store.open(run_dir, create=False) as store, Argilla(url, key) as api:
        r = do_push(store, api, workspace, dataset, batch_size, min_submitted, merge=merge)
    verb = "created" if r.created else "updated"
    if r.merged_into:
        typer.echo(f"push: dataset {r.dataset!r} belongs to run {r.merged_into}; merging into it")
    typer.echo(
        f"push: dataset {r.dataset!r} {verb} in workspace {r.workspace!r} at {r.url}: "
        f"{r.sent} records sent, {r.unchanged} unchanged ({r.accepted} accepted samples)"
    )
    if r.stale_kept or r.stale_deleted:
        typer.echo(
            f"  code changed under {r.stale_kept + r.stale_deleted} records: {r.stale_kept} "
            f"answered ones marked stale (their answers never count), {r.stale_deleted} "
            "unanswered ones removed"
        )
    typer.echo(f"annotate at {r.url}/dataset/{r.dataset_id}/annotation-mode")


@app.command("pull")
def pull(
    run_dir: Path | None = OptRunDir,
    feedback: Path | None = Feedback,
    dataset: str | None = Dataset,
    workspace: str | None = typer.Option(
        None, envvar="ARGILLA_WORKSPACE", help="Argilla workspace [default: the one pushed to]."
    ),
    agreement: str = typer.Option(
        "majority", help="How several annotators' responses combine: majority or unanimous."
    ),
    min_votes: int = typer.Option(1, min=1, help="Submitted responses needed for a decision."),
    api_url: str | None = ApiUrl,
    api_key: str | None = ApiKey,
    as_json: bool = typer.Option(False, "--json", help="The counts and per-sample table as JSON."),
) -> None:
    """Read submitted and discarded responses into the store's curation table."""
    if feedback is not None:
        from generator.cli.feedback import pull_feedback

        return pull_feedback(feedback, dataset, workspace, agreement, min_votes, api_url, api_key)
    run_dir = _run_dir(run_dir)
    from generator.curation.agreement import Rule
    from generator.curation.client import Argilla, settings
    from generator.curation.pull import pull as do_pull
    from generator.errors import ConfigError
    from generator.store import Store

    try:
        rule = Rule(agreement)
    except ValueError:
        raise ConfigError(f"--agreement must be majority or unanimous, not {agreement!r}") from None
    url, key = settings(api_url, api_key)
    with Store.open(run_dir, create=False) as store, Argilla(url, key) as api:
        r = do_pull(store, api, workspace, dataset, rule, min_votes)
    if as_json:
        import json

        typer.echo(json.dumps({"rule": rule.value, **r.as_json()}, indent=2))
        return
    from generator.curation.table import print_pull

    print_pull(r, rule.value, typer.echo)
