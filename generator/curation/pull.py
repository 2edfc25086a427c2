"""`pull`: annotators' responses back into the store's `curation` table.

Everything is read from the server first and written in one transaction, so an error half
way leaves the store as it was. Responses are read over
`GET /api/v1/datasets/{id}/records?include=responses` because the SDK's reader crashes on a
discarded response without values (Argilla 2.8).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from generator.curation.agreement import Outcome, Rule, Vote, decide
from generator.curation.client import Argilla, ArgillaError
from generator.curation.push import META_KEY, default_dataset_name
from generator.store import Store


@dataclass
class PullReport:
    dataset: str
    records: int = 0
    unknown: int = 0  # records whose sample is not in this store
    decisions: dict[str, int] = field(default_factory=dict)
    responses: dict[str, int] = field(default_factory=dict)  # by status
    listed: list[tuple[str, Outcome]] = field(default_factory=list)  # conflicts, disagreements


def _value(values: dict[str, Any] | None, name: str) -> Any:
    entry = (values or {}).get(name)
    return entry.get("value") if isinstance(entry, dict) else None


def votes_of(record: dict[str, Any], users: dict[str, str]) -> list[Vote]:
    out = []
    for r in record.get("responses") or []:
        if r.get("status") not in ("submitted", "discarded"):
            continue  # drafts are work in progress, not a decision
        values = r.get("values")
        labels = _value(values, "principles") or []
        out.append(
            Vote(
                user=users.get(str(r.get("user_id")), str(r.get("user_id"))),
                status=r["status"],
                decision=_value(values, "decision"),
                labels=tuple(str(x) for x in labels),
                note=str(_value(values, "note") or "").strip(),
            )
        )
    return sorted(out, key=lambda v: v.user)


def pull(
    store: Store,
    api: Argilla,
    workspace: str | None = None,
    dataset: str | None = None,
    rule: Rule = Rule.MAJORITY,
    min_votes: int = 1,
) -> PullReport:
    pushed = store.get_meta(META_KEY) or {}
    name = dataset or pushed.get("name") or default_dataset_name(store)
    workspace = workspace or pushed.get("workspace") or "declean"
    api.check()
    ws_id = api.workspace_id(workspace)
    ds = api.find_dataset(ws_id, name)
    if ds is None:
        raise ArgillaError(
            f"dataset {name!r} not found in workspace {workspace!r} on {api.url}; "
            "run `declean push` first or pass --dataset/--workspace"
        )
    users = api.usernames()
    items = api.records(str(ds["id"]))

    report = PullReport(dataset=name)
    known = {r[0] for r in store.execute("SELECT id FROM samples")}
    rows = []
    now = time.time()
    for record in items:
        sid = record.get("external_id")
        if sid not in known:
            report.unknown += 1
            continue
        votes = votes_of(record, users)
        outcome = decide(votes, rule, min_votes)
        report.records += 1
        report.decisions[outcome.decision] = report.decisions.get(outcome.decision, 0) + 1
        for v in votes:
            report.responses[v.status] = report.responses.get(v.status, 0) + 1
        if outcome.decision == "conflict" or outcome.disagreements:
            report.listed.append((sid, outcome))
        notes = [f"{v.user}: {v.note}" for v in votes if v.note]
        raw = [
            {
                "user": v.user,
                "status": v.status,
                "decision": v.decision,
                "labels": list(v.labels),
                "note": v.note,
            }
            for v in votes
        ]
        rows.append(
            (sid, outcome.decision, json.dumps(outcome.labels), json.dumps(notes), json.dumps(raw))
        )
    with store.tx() as c:
        c.executemany(
            "INSERT INTO curation(sample_id, decision, labels, notes, responses, updated_at)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(sample_id) DO UPDATE SET"
            " decision = excluded.decision, labels = excluded.labels, notes = excluded.notes,"
            " responses = excluded.responses, updated_at = excluded.updated_at",
            [(*row, now) for row in rows],
        )
    store.set_meta(
        "curation.pulled",
        {"dataset": name, "workspace": workspace, "rule": rule.value, "min_votes": min_votes},
    )
    return report
