"""`push`: accepted samples become Argilla records, idempotently and resumably.

A record's external id is the sample id, and the store remembers (per dataset) the hash of
what it last sent for each sample, committed after each batch the server accepted. So a
second push sends nothing, a push after more generation sends only new or changed samples,
and a push cut short by a dead server leaves the store saying exactly which batches landed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.curation import records as rec
from generator.curation.client import Argilla, ArgillaError
from generator.records import Status
from generator.store import Store

PUSHED_SCHEMA = """
CREATE TABLE IF NOT EXISTS curation_pushed (
    dataset_id TEXT NOT NULL,
    sample_id TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    pushed_at REAL NOT NULL,
    PRIMARY KEY (dataset_id, sample_id)
);
"""
META_KEY = "curation.dataset"
BATCH = 100


@dataclass
class PushReport:
    url: str
    workspace: str
    dataset: str
    dataset_id: str
    created: bool = False
    accepted: int = 0
    sent: int = 0
    unchanged: int = 0
    batches: int = 0
    new_metadata: list[str] = field(default_factory=list)


def default_dataset_name(store: Store) -> str:
    return f"declean-{store.path.parent.name}"


def ensure_dataset(
    api: Argilla, workspace_id: str, name: str, min_submitted: int
) -> tuple[dict[str, Any], bool]:
    """Find or create the dataset; finish one that an interrupted push left as a draft."""
    ds = api.find_dataset(workspace_id, name)
    created = ds is None
    if ds is None:
        ds = api.request(
            "POST",
            "/api/v1/datasets",
            json={
                "name": name,
                "workspace_id": workspace_id,
                "guidelines": rec.guidelines(),
                "allow_extra_metadata": True,
                "distribution": {"strategy": "overlap", "min_submitted": min_submitted},
            },
        )
    if ds["status"] == "draft":
        dsid = ds["id"]
        have = api.fields(dsid)
        for fname, title, required in rec.FIELDS:
            if fname not in have:
                api.request(
                    "POST",
                    f"/api/v1/datasets/{dsid}/fields",
                    json={
                        "name": fname,
                        "title": title,
                        "required": required,
                        "settings": {"type": "text", "use_markdown": True},
                    },
                )
        have_q = api.questions(dsid)
        for q in rec.QUESTIONS:
            if q["name"] not in have_q:
                api.request("POST", f"/api/v1/datasets/{dsid}/questions", json=q)
        have_m = api.metadata_properties(dsid)
        for mname in rec.METADATA:
            if mname not in have_m:
                api.request(
                    "POST",
                    f"/api/v1/datasets/{dsid}/metadata-properties",
                    json=rec.metadata_setting(mname),
                )
        ds = api.request("PUT", f"/api/v1/datasets/{dsid}/publish")
    return ds, created


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


def push(
    store: Store,
    api: Argilla,
    workspace: str,
    dataset: str | None = None,
    batch_size: int = BATCH,
    min_submitted: int = 1,
    on_batch: Callable[[int], None] | None = None,
) -> PushReport:
    """Create or update the dataset and send every accepted sample not sent as it is now."""
    api.check()
    name = dataset or default_dataset_name(store)
    ws_id = api.workspace_id(workspace)
    ds, created = ensure_dataset(api, ws_id, name, min_submitted)
    store.executescript(PUSHED_SCHEMA)  # only now: a refused push leaves the store as it was
    dsid = str(ds["id"])
    report = PushReport(api.url, workspace, name, dsid, created=created)
    store.set_meta(META_KEY, {"url": api.url, "workspace": workspace, "name": name, "id": dsid})

    problems = store.problems()
    samples = store.samples(status=Status.ACCEPTED)
    report.accepted = len(samples)
    sent_before = dict(
        store.execute(
            "SELECT sample_id, record_hash FROM curation_pushed WHERE dataset_id = ?", (dsid,)
        )
    )
    parents: dict[str, Any] = {}
    todo: list[tuple[str, dict[str, Any], str]] = []
    for s in samples:
        parent = None
        if s.parent_id:
            if s.parent_id not in parents:
                parents[s.parent_id] = store.get_sample(s.parent_id)
            parent = parents[s.parent_id]
        record = rec.build_record(s, problems.get(s.problem_id), parent)
        h = rec.record_hash(record)
        if sent_before.get(s.id) == h:
            report.unchanged += 1
        else:
            todo.append((s.id, record, h))
    if not todo:
        return report

    # Evidence figures vary by principle and checker version: declare the new ones first.
    have_meta = api.metadata_properties(dsid)
    wanted = sorted({k for _, r, _ in todo for k in r["metadata"]} - set(have_meta))
    for mname in wanted:
        api.request(
            "POST", f"/api/v1/datasets/{dsid}/metadata-properties", json=rec.metadata_setting(mname)
        )
    report.new_metadata = wanted
    principles_qid = str(api.questions(dsid)["principles"]["id"])

    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        items = [_upload_item(r, principles_qid) for _, r, _ in batch]
        try:
            api.request("PUT", f"/api/v1/datasets/{dsid}/records/bulk", json={"items": items})
        except ArgillaError as exc:
            raise ArgillaError(
                f"{exc}. Push stopped after {report.sent} of {len(todo)} records; those are "
                "recorded in the store, so running push again sends only the rest"
            ) from None
        now = time.time()
        with store.tx() as c:
            c.executemany(
                "INSERT INTO curation_pushed(dataset_id, sample_id, record_hash, pushed_at)"
                " VALUES (?,?,?,?) ON CONFLICT(dataset_id, sample_id) DO UPDATE SET"
                " record_hash = excluded.record_hash, pushed_at = excluded.pushed_at",
                [(dsid, sid, h, now) for sid, _, h in batch],
            )
        report.sent += len(batch)
        report.batches += 1
        if on_batch is not None:
            on_batch(report.sent)
    return report
