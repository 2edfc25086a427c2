"""`pull`: annotators' responses back into the store's `curation` table.

An answer counts only for the code it was given on: a record's `code_sha` metadata must
match the sample's code in this run. Answers on other code (the sample was regenerated, or
the record is another run's) are listed as `stale` and never applied; a sample whose only
decisions (submitted or discarded) are stale gets the decision `stale`. Drafts are work in
progress, not decisions.

Everything is read from the server first and written in one transaction, so an error half
way leaves the store as it was. Responses are read over
`GET /api/v1/datasets/{id}/records?include=responses` because the SDK's reader crashes on a
discarded response without values (Argilla 2.8).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.curation.agreement import Outcome, Rule, Vote, decide
from generator.curation.client import Argilla, ArgillaError
from generator.curation.push import META_KEY, RUN_KEY, target_dataset
from generator.curation.state import STALE, code_sha
from generator.records import Sample
from generator.store import CurationDecision, Store

PULLED_KEY = "curation.pulled"


@dataclass
class SampleRow:
    """One line of `declean pull`'s table (and of `--json`'s `samples`)."""

    sample: str
    decision: str
    kept: list[str] = field(default_factory=list)  # pipeline labels the curators confirmed
    removed: list[str] = field(default_factory=list)  # pipeline labels they unticked
    added: list[str] = field(default_factory=list)  # labels they ticked beyond the pipeline's
    votes: dict[str, int] = field(default_factory=dict)  # keep / reject / discard
    drafts: int = 0
    stale: int = 0  # answers given on other code: listed, never counted
    disagreements: list[str] = field(default_factory=list)


@dataclass
class StaleRecord:
    sample: str
    record_id: str
    code_sha: str  # the code the answers were given on
    current_sha: str  # the code in this run
    responses: dict[str, int] = field(default_factory=dict)


@dataclass
class PullReport:
    dataset: str
    dataset_run_id: str = ""
    run_id: str = ""
    records: int = 0
    unknown: int = 0  # records whose sample is not in this store
    decisions: dict[str, int] = field(default_factory=dict)
    responses: dict[str, int] = field(default_factory=dict)  # by status, current code only
    samples: list[SampleRow] = field(default_factory=list)
    stale: list[StaleRecord] = field(default_factory=list)

    @property
    def listed(self) -> list[tuple[str, SampleRow]]:
        """Conflicts and disagreements, for a closer look."""
        return [(r.sample, r) for r in self.samples if r.decision == "conflict" or r.disagreements]

    def as_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "dataset_run_id": self.dataset_run_id,
            "run_id": self.run_id,
            "records": self.records,
            "unknown": self.unknown,
            "decisions": self.decisions,
            "responses": self.responses,
            "samples": [asdict(r) for r in self.samples],
            "stale": [asdict(r) for r in self.stale],
        }


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


def _statuses(record: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in record.get("responses") or []:
        out[str(r.get("status"))] = out.get(str(r.get("status")), 0) + 1
    return out


def _tally(votes: list[Vote]) -> dict[str, int]:
    out = {"keep": 0, "reject": 0, "discard": 0}
    for v in votes:
        key = "discard" if v.status == "discarded" else str(v.decision)
        out[key] = out.get(key, 0) + 1
    return out


def sample_id_of(record: dict[str, Any]) -> str:
    meta = record.get("metadata") or {}
    return str(meta.get("sample_id") or str(record.get("external_id") or "").split("@")[0])


def sample_row(sample: Sample, outcome: Outcome, votes: list[Vote], drafts: int) -> SampleRow:
    pipeline = [p.value for p in sample.labels]
    row = SampleRow(sample.id, outcome.decision, votes=_tally(votes), drafts=drafts)
    row.disagreements = list(outcome.disagreements)
    if outcome.decision in ("keep", "conflict"):
        row.kept = [x for x in pipeline if x in outcome.labels]
        row.removed = [x for x in pipeline if x not in outcome.labels]
        row.added = [x for x in outcome.labels if x not in pipeline]
    return row


def pull(
    store: Store,
    api: Argilla,
    workspace: str | None = None,
    dataset: str | None = None,
    rule: Rule = Rule.MAJORITY,
    min_votes: int = 1,
) -> PullReport:
    pushed = store.get_meta(META_KEY) or {}
    workspace = workspace or pushed.get("workspace") or "declean"
    api.check()
    ws_id = api.workspace_id(workspace)
    run_id = store.run_id() or ""
    name, _ = target_dataset(store, dataset, run_id or "never-pushed")
    ds = api.find_dataset(ws_id, name)
    if ds is None:
        raise ArgillaError(
            f"dataset {name!r} not found in workspace {workspace!r} on {api.url}; "
            "run `declean push` first or pass --dataset/--workspace"
        )
    users = api.usernames()
    items = api.records(str(ds["id"]))

    report = PullReport(
        dataset=name,
        dataset_run_id=str((ds.get("metadata") or {}).get(RUN_KEY) or ""),
        run_id=run_id,
    )
    samples = {s.id: s for s in store.samples()}
    current, stale_answers, stale_decided = _sort_records(items, samples, report)
    rows: list[CurationDecision] = []
    now = time.time()
    for sid in sorted(set(current) | set(stale_answers)):
        record = current.get(sid) or {}
        votes = votes_of(record, users)
        outcome = _decide(votes, rule, min_votes, sid in stale_decided)
        _count(report, record, outcome)
        row = sample_row(samples[sid], outcome, votes, _statuses(record).get("draft", 0))
        row.stale = stale_answers.get(sid, 0)
        report.samples.append(row)
        rows.append(_curation_row(samples[sid], outcome, votes))
    report.decisions = dict(sorted(report.decisions.items()))
    report.responses = dict(sorted(report.responses.items()))
    store.curation.save(rows, now)
    store.set_meta(
        PULLED_KEY,
        {
            "dataset": name,
            "workspace": workspace,
            "rule": rule.value,
            "min_votes": min_votes,
            "at": now,
            "responses": report.responses,
            "stale_records": len(report.stale),
        },
    )
    return report


def _sort_records(
    items: list[dict[str, Any]], samples: dict[str, Sample], report: PullReport
) -> tuple[dict[str, dict[str, Any]], dict[str, int], set[str]]:
    """The record showing each sample's code now; answers of any status on other code per
    sample; the samples with a submitted or discarded answer among those."""
    current: dict[str, dict[str, Any]] = {}
    stale_answers: dict[str, int] = {}
    stale_decided: set[str] = set()
    for record in items:
        sid = sample_id_of(record)
        sample = samples.get(sid)
        if sample is None:
            report.unknown += 1
            continue
        sha = (record.get("metadata") or {}).get("code_sha")
        if sha == code_sha(sample.code):
            current[sid] = record
            continue
        statuses = _statuses(record)
        if statuses:
            stale_answers[sid] = stale_answers.get(sid, 0) + sum(statuses.values())
            if set(statuses) - {"draft"}:
                stale_decided.add(sid)
            report.stale.append(
                StaleRecord(sid, str(record["id"]), str(sha or "none"), code_sha(sample.code),
                            statuses)
            )  # fmt: skip
    return current, stale_answers, stale_decided


def _decide(votes: list[Vote], rule: Rule, min_votes: int, decided_on_other_code: bool) -> Outcome:
    """A sample whose only decisions were made on other code is stale, not pending."""
    outcome = decide(votes, rule, min_votes)
    if outcome.decision == "pending" and not votes and decided_on_other_code:
        return Outcome(STALE)
    return outcome


def _count(report: PullReport, record: dict[str, Any], outcome: Outcome) -> None:
    if record:
        report.records += 1
    for status, n in _statuses(record).items():
        report.responses[status] = report.responses.get(status, 0) + n
    report.decisions[outcome.decision] = report.decisions.get(outcome.decision, 0) + 1


def _curation_row(sample: Sample, outcome: Outcome, votes: list[Vote]) -> CurationDecision:
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
    return CurationDecision(
        sample_id=sample.id,
        decision=outcome.decision,
        labels=outcome.labels,
        notes=notes,
        responses=raw,
        code_sha=code_sha(sample.code),
    )
