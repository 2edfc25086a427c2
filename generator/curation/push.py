"""`push`: accepted samples become Argilla records, idempotently and resumably.

A record's external id is `<sample id>@<code sha>`, and the store remembers (per dataset) the
hash of what it last sent for each sample, committed after each batch the server accepted.
So a second push sends nothing, a push after more generation sends only new or changed
samples, and a push cut short by a dead server leaves the store saying which batches landed
(the server upserts by external id, so a batch sent twice is not doubled either).

The dataset belongs to one run: its metadata holds the run id (`Store.run_id`), and pushing
another run into it is refused unless `--dataset` names it or `merge` is set. When a
sample's code changes, the new code gets a new record; the old one is moved aside, marked
`stale`, with its answers kept for the record but never counted (see `pull`); an old record
nobody answered is deleted, there being nothing on it to keep.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.curation import client
from generator.curation import records as rec
from generator.curation.client import Argilla, ArgillaError
from generator.curation.state import code_sha
from generator.records import Sample, Status
from generator.store import RUN_ID_KEY, Store

META_KEY = "curation.dataset"
RUN_KEY, RUN_DIR_KEY, MERGED_KEY = "declean_run_id", "declean_run_dir", "declean_merged_runs"
BATCH = 100


class DatasetOwnedError(ArgillaError):
    """The dataset was made for another run."""


@dataclass
class PushReport:
    url: str
    workspace: str
    dataset: str
    dataset_id: str
    run_id: str = ""
    created: bool = False
    merged_into: str = ""  # the other run's id, when this push merged into its dataset
    accepted: int = 0
    sent: int = 0
    unchanged: int = 0
    batches: int = 0
    stale_kept: int = 0  # old records with answers, marked stale
    stale_deleted: int = 0  # old records nobody answered, removed
    new_metadata: list[str] = field(default_factory=list)


def default_dataset_name(store: Store, run_id: str) -> str:
    return f"declean-{store.path.parent.name}-{run_id[:8]}"


def proposed_run_id(store: Store) -> str:
    """The run's id, or the one it will get: written only once a push gets going, so a
    refused push leaves the store as it was."""
    return store.run_id() or uuid.uuid4().hex


def target_dataset(store: Store, dataset: str | None, run_id: str) -> tuple[str, bool]:
    """The dataset name, and whether the user named it (`--dataset`)."""
    if dataset:
        return dataset, True
    pushed = store.get_meta(META_KEY) or {}
    return pushed.get("name") or default_dataset_name(store, run_id), False


def ensure_dataset(
    api: Argilla, workspace_id: str, name: str, min_submitted: int, store: Store, run_id: str
) -> tuple[dict[str, Any], bool]:
    """Find or create the run's dataset, owned by `run_id`."""
    body = {
        "guidelines": rec.guidelines(),
        "allow_extra_metadata": True,
        "distribution": {"strategy": "overlap", "min_submitted": min_submitted},
        "metadata": {RUN_KEY: run_id, RUN_DIR_KEY: str(store.path.parent)},
    }
    metadata = {mname: rec.metadata_setting(mname) for mname in rec.METADATA}
    return client.ensure_dataset(
        api,
        workspace_id,
        name,
        body=body,
        fields=rec.FIELDS,
        questions=rec.QUESTIONS,
        metadata=metadata,
    )


def claim(
    api: Argilla, ds: dict[str, Any], store: Store, mine: str, named: bool, merge: bool
) -> str:
    """Check the dataset belongs to this run; returns the other run's id when merging."""
    meta = dict(ds.get("metadata") or {})
    owner = meta.get(RUN_KEY)
    if owner == mine:
        return ""
    if owner is None:  # made by hand, or by a declean that did not record runs: take it
        meta.update({RUN_KEY: mine, RUN_DIR_KEY: str(store.path.parent)})
        api.request("PATCH", f"/api/v1/datasets/{ds['id']}", json={"metadata": meta})
        return ""
    if not (named or merge):
        raise DatasetOwnedError(
            f"dataset {ds['name']!r} belongs to another run (run id {owner}, "
            f"{meta.get(RUN_DIR_KEY, 'unknown directory')}); this run is {mine}. "
            f"Push this run into its own dataset (--dataset NEW_NAME), or add it to this one "
            f"with --dataset {ds['name']} or --merge (answers count only for identical code)"
        )
    merged = list(meta.get(MERGED_KEY) or [])
    if mine not in merged:
        meta[MERGED_KEY] = [*merged, mine]
        api.request("PATCH", f"/api/v1/datasets/{ds['id']}", json={"metadata": meta})
    return str(owner)


def _upload_item(record: dict[str, Any], principles_qid: str) -> dict[str, Any]:
    item = {k: v for k, v in record.items() if k != "suggested_labels"}
    if record["suggested_labels"]:
        item["suggestions"] = [
            {
                "question_id": principles_qid,
                "value": record["suggested_labels"],
                "type": "model",
                "agent": rec.AGENT,
            }
        ]
    return item


def move_aside_stale(
    api: Argilla, dsid: str, samples: dict[str, Sample], run_id: str, report: PushReport
) -> None:
    """Old records of this run whose sample's code changed: mark stale, or delete if unanswered.

    Runs before the new records are sent, so a push interrupted after it still has every
    changed sample left to send, and running it again repeats nothing harmful.
    """
    to_delete: list[str] = []
    to_mark: list[dict[str, Any]] = []
    for r in api.records(dsid):
        meta = r.get("metadata") or {}
        sid = meta.get("sample_id") or str(r.get("external_id") or "").split("@")[0]
        sample = samples.get(sid)
        if sample is None or meta.get("code_sha") == code_sha(sample.code):
            continue
        if meta.get("run_id") not in (run_id, None):
            continue  # another run's record, current for that run's code
        if r.get("responses"):
            if meta.get("state") != rec.STALE:
                fields = dict(r["fields"])
                fields["sample"] = rec.STALE_BANNER + str(fields.get("sample") or sid)
                to_mark.append(
                    {"id": r["id"], "metadata": {**meta, "state": rec.STALE}, "fields": fields}
                )
        else:
            to_delete.append(str(r["id"]))
    for start in range(0, len(to_mark), BATCH):
        batch = to_mark[start : start + BATCH]
        api.request("PUT", f"/api/v1/datasets/{dsid}/records/bulk", json={"items": batch})
    for start in range(0, len(to_delete), BATCH):
        ids = ",".join(to_delete[start : start + BATCH])
        api.request("DELETE", f"/api/v1/datasets/{dsid}/records", params={"ids": ids})
    report.stale_kept += len(to_mark)
    report.stale_deleted += len(to_delete)


def push(
    store: Store,
    api: Argilla,
    workspace: str,
    dataset: str | None = None,
    batch_size: int = BATCH,
    min_submitted: int = 1,
    on_batch: Callable[[int], None] | None = None,
    merge: bool = False,
) -> PushReport:
    """Create or update the dataset and send every accepted sample not sent as it is now."""
    api.check()
    ws_id = api.workspace_id(workspace)
    run_id = proposed_run_id(store)
    name, named = target_dataset(store, dataset, run_id)
    existing = api.find_dataset(ws_id, name)
    # Refused before anything is written, on the server or in the store.
    merged_into = claim(api, existing, store, run_id, named, merge) if existing else ""
    ds, created = ensure_dataset(api, ws_id, name, min_submitted, store, run_id)
    store.set_meta(RUN_ID_KEY, run_id)
    dsid = str(ds["id"])
    report = PushReport(api.url, workspace, name, dsid, run_id, created, merged_into)
    store.set_meta(META_KEY, {"url": api.url, "workspace": workspace, "name": name, "id": dsid})

    todo = _records_to_send(store, dsid, run_id, report)
    # Always, not only when something is sent: a sample regenerated into a rejection has
    # nothing to send, and its old record must still stop looking current.
    move_aside_stale(api, dsid, {s.id: s for s in store.samples()}, run_id, report)
    if not todo:
        return report
    report.new_metadata = _declare_metadata(api, dsid, todo)
    principles_qid = str(api.questions(dsid)["principles"]["id"])
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        _send_batch(api, store, dsid, batch, principles_qid, report, len(todo))
        if on_batch is not None:
            on_batch(report.sent)
    return report


Todo = list[tuple[str, dict[str, Any], str]]  # sample id, record, record hash


def _records_to_send(store: Store, dsid: str, run_id: str, report: PushReport) -> Todo:
    """Every accepted sample's record, but those sent to this dataset exactly as they are."""
    problems = store.problems()
    samples = store.samples(status=Status.ACCEPTED)
    report.accepted = len(samples)
    sent_before = store.curation.pushed_hashes(dsid)
    known: dict[str, Sample | None] = {s.id: s for s in samples}

    def get(sid: str | None) -> Sample | None:
        if sid is None:
            return None
        if sid not in known:
            known[sid] = store.get_sample(sid)
        return known[sid]

    todo: Todo = []
    for s in samples:
        record = rec.build_record(
            s, problems.get(s.problem_id), get(s.parent_id), get(s.root_id), run_id
        )
        h = rec.record_hash(record)
        if sent_before.get(s.id) == h:
            report.unchanged += 1
        else:
            todo.append((s.id, record, h))
    return todo


def _declare_metadata(api: Argilla, dsid: str, todo: Todo) -> list[str]:
    """Evidence figures vary by principle and checker version: declare the new ones first."""
    have_meta = api.metadata_properties(dsid)
    wanted = sorted({k for _, r, _ in todo for k in r["metadata"]} - set(have_meta))
    for mname in wanted:
        api.request(
            "POST", f"/api/v1/datasets/{dsid}/metadata-properties", json=rec.metadata_setting(mname)
        )
    return wanted


def _send_batch(
    api: Argilla,
    store: Store,
    dsid: str,
    batch: Todo,
    principles_qid: str,
    report: PushReport,
    total: int,
) -> None:
    """One bulk upload, then its hashes in the store: a push cut short resends only the rest."""
    items = [_upload_item(r, principles_qid) for _, r, _ in batch]
    try:
        api.request("PUT", f"/api/v1/datasets/{dsid}/records/bulk", json={"items": items})
    except ArgillaError as exc:
        raise ArgillaError(
            f"{exc}. Push stopped after {report.sent} of {total} records; those are "
            "recorded in the store, so running push again sends only the rest"
        ) from None
    store.curation.mark_pushed(dsid, {sid: h for sid, _, h in batch}, time.time())
    report.sent += len(batch)
    report.batches += 1
