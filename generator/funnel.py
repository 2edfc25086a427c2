"""The funnel of a run, computed from the store alone."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.diversity import diversity
from generator.records import Kind, Status
from generator.store import Store


def funnel(store: Store) -> dict[str, Any]:
    """Per stage ('clean', then each principle): attempted, accepted, rejected by reason."""
    rows = store.verdict_counts()
    out: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"attempted": 0, "accepted": 0, "pending": 0, "rejected": {}}
    )
    for stage, status, reason, n in rows:
        f = out[stage]
        f["attempted"] += n
        if status == "accepted":
            f["accepted"] += n
        elif status == "pending":
            f["pending"] += n
        else:
            f["rejected"][reason] = f["rejected"].get(reason, 0) + n
    order = ["clean", *sorted(k for k in out if k != "clean")]
    return {k: out[k] for k in order if k in out}


def attempts_by_outcome(store: Store) -> dict[str, dict[str, int]]:
    """Every generation and fix round by stage and outcome: where the LLM calls went.

    Steps are `clean`, `<P>` (a build), `<P>:try<n>` (a generation retried or given up),
    `<P>:edit<n>` (a procedural edit that a gate sent back for another seed) and
    `<stage>:fix<n>` (a fix round); fix rounds are counted under `<stage>:fix`. A run
    after a repair of gcc's format warnings adds `:repaired`, counted under
    `<stage>:repaired`: it cost a sandbox run, no request.
    """
    rows = store.attempt_counts()
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for step, outcome, n in rows:
        stage = step.split(":")[0]
        key = f"{stage}:repaired" if step.endswith(":repaired") else stage
        key = f"{stage}:fix" if ":fix" in step and key == stage else key
        out[key][outcome] = out[key].get(outcome, 0) + n
    return {k: out[k] for k in sorted(out)}


def expected_matches(store: Store) -> dict[str, int]:
    """Accepted clean solutions checked against the problem's `expected` output, and how many
    matched: a low share means the reference outputs are the LLM's reading of the problem,
    not the author's (see `require_expected`)."""
    counts = store.expected_counts()
    return {"checked": counts.get(1, 0) + counts.get(0, 0), "matching": counts.get(1, 0)}


def curation(store: Store) -> dict[str, Any]:
    """Decisions per sample (`stale` where the code changed since), and the last pull's
    response counts: Argilla's own "Submitted" counter reads 0 with the local workspace."""
    from generator.curation.state import decision_counts

    pulled = store.get_meta("curation.pulled") or {}
    return {
        "decisions": decision_counts(store),
        "responses": pulled.get("responses", {}),
        "stale_records": pulled.get("stale_records", 0),
        "dataset": pulled.get("dataset"),
    }


def left(store: Store) -> dict[str, Any]:
    """Samples a next run will retry (by reason) and transient failures past their cap."""
    from generator.config import RunConfig
    from generator.leftover import leftover

    default = RunConfig.model_fields["transient_tries"].default
    cap = int(store.get_meta("config", {}).get("transient_tries", default))
    return leftover(store, cap).as_json()


def status(store: Store) -> dict[str, Any]:
    return {
        "run_dir": str(store.path.parent),
        "problems": len(store.problems()),
        "funnel": funnel(store),
        "expected": expected_matches(store),
        "attempts": attempts_by_outcome(store),
        "label_sets": store.label_set_counts(),
        "diversity": diversity(store.samples(kind=Kind.VARIANT, status=Status.ACCEPTED)),
        "llm": store.llm_cache.stats(),
        "curation": curation(store),
        "config": store.get_meta("config", {}),
        "left": left(store),
        "sessions": store.sessions(),
    }
