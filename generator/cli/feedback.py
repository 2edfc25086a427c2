"""`declean push/pull --feedback DIR`: the demo's feedback to and from its Argilla dataset.

Kept apart from curation so the run's curation commands stay as they are; those only
hand over to these when `--feedback` is given.
"""

from __future__ import annotations

from pathlib import Path

import typer

FEEDBACK_HELP = "A demo directory (holds demo.sqlite): curate its feedback instead of a run."


def push_feedback(
    directory: Path, dataset: str | None, workspace: str, api_url: str | None, api_key: str | None
) -> None:
    from generator.curation.client import Argilla, settings
    from generator.curation.feedback import push_feedback as do_push
    from generator.demo.store import DemoStore

    url, key = settings(api_url, api_key)
    with DemoStore.open_existing(directory) as store, Argilla(url, key) as api:
        r = do_push(store, api, workspace, dataset)
    verb = "created" if r.created else "updated"
    typer.echo(
        f"push --feedback: dataset {r.dataset!r} {verb} at {r.url}: {r.sent} records sent,"
        f" {r.unchanged} unchanged ({r.feedback} feedback rows in {directory})"
    )
    typer.echo(f"annotate at {r.url}/dataset/{r.dataset_id}/annotation-mode")


def pull_feedback(
    directory: Path,
    dataset: str | None,
    workspace: str | None,
    agreement: str,
    min_votes: int,
    api_url: str | None,
    api_key: str | None,
) -> None:
    from generator.curation.agreement import Rule
    from generator.curation.client import Argilla, settings
    from generator.curation.feedback import pull_feedback as do_pull
    from generator.demo.store import DemoStore
    from generator.errors import ConfigError

    try:
        rule = Rule(agreement)
    except ValueError:
        raise ConfigError(f"--agreement must be majority or unanimous, not {agreement!r}") from None
    url, key = settings(api_url, api_key)
    with DemoStore.open_existing(directory) as store, Argilla(url, key) as api:
        r = do_pull(store, api, workspace, dataset, rule, min_votes)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(r.decisions.items())) or "nothing"
    typer.echo(f"pull --feedback: {r.records} records from {r.dataset!r}: {counts}")
    if r.unknown:
        typer.echo(f"  {r.unknown} records are not feedback of {directory}: skipped")
