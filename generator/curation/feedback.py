"""The demo's feedback in Argilla: its own dataset, pushed from and pulled into demo.sqlite.

Curators see the student's code, what the detector answered (labels and one-line reasons,
compiler errors) and what the student said. Two questions carry suggestions: `principles`
(the rules the code really breaks) starts from the student's labels, `detector` from the
detector's, so a curator corrects both at a glance. `decision` keeps or rejects the sample
for the `real` split. Pushing again sends only new or changed feedback; pulling writes
one decision per feedback row into `feedback_curation`, with the same agreement rule as
the synthetic curation.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from generator.curation.agreement import Rule, Vote, decide
from generator.curation.client import Argilla, ArgillaError, ensure_dataset
from generator.dataset.rows import LABEL_NAMES
from generator.demo.reasons import MEANING
from generator.demo.store import DemoStore, Feedback, FeedbackDecision

DEFAULT_DATASET = "declean-demo-feedback"
USER_AGENT = "demo-user"
DETECTOR_AGENT = "demo-detector"

GUIDELINES = (
    """# Feedback from the declean demo

Each record is a C program a person pasted into the demo, the detector's answer, and the
person's corrections. Decide whether it belongs in the `real` evaluation split:

- **Keep** a real program (any quality) whose labels you can judge; tick the principles it
  really breaks in *principles* (pre-filled with the person's labels) and untick the
  detector's wrong labels in *detector*.
- **Reject** anything that is not a genuine C program, holds personal data (names, e-mail
  addresses, student ids in comments), is a copy of a dataset example, or is abuse.

Labels: """
    + "; ".join(f"{k} = {v}" for k, v in MEANING.items())
    + "."
)

FIELDS: list[tuple[str, str, bool]] = [
    ("code", "Code a person checked", True),
    ("detector", "What the detector answered", True),
    ("user", "What the person said", True),
]


def _options() -> list[dict[str, str]]:
    return [{"value": n, "text": n, "description": MEANING[n]} for n in LABEL_NAMES]


QUESTIONS: list[dict[str, Any]] = [
    {
        "name": "decision",
        "title": "Keep this program for the real split?",
        "description": "Keep: a genuine program you can label. Reject: not C, personal data, "
        "a dataset example, abuse.",
        "required": True,
        "settings": {
            "type": "label_selection",
            "options": [{"value": "keep", "text": "Keep"}, {"value": "reject", "text": "Reject"}],
        },
    },
    {
        "name": "principles",
        "title": "Which principles does this code really break?",
        "description": "Pre-filled with the person's labels. None ticked: clean code.",
        "required": False,
        "settings": {"type": "multi_label_selection", "options": _options()},
    },
    {
        "name": "detector",
        "title": "Which of the detector's labels are right?",
        "description": "Pre-filled with the detector's answer: untick the wrong ones.",
        "required": False,
        "settings": {"type": "multi_label_selection", "options": _options()},
    },
    {
        "name": "note",
        "title": "Note (optional)",
        "description": "Why you rejected, or what is odd.",
        "required": False,
        "settings": {"type": "text", "use_markdown": False},
    },
]
METADATA = {
    "detector_labels": "terms",
    "user_labels": "terms",
    "model": "terms",
    "compiles": "terms",
}


def fence(code: str) -> str:
    longest = max((len(line) - len(line.lstrip("`")) for line in code.splitlines()), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}c\n{code.rstrip()}\n{ticks}"


def record_of(fb: Feedback) -> dict[str, Any]:
    answer = fb.detector_answer
    reasons = answer.get("reasons") or {}
    lines = [f"Model `{fb.model}`; compiles: {'yes' if answer.get('compiles') else 'no'}."]
    lines += [f"- **{label}**: {reasons.get(label, '')}" for label in fb.detector_labels]
    if not fb.detector_labels:
        lines.append("- no label (clean, says the detector)")
    errors = [d for d in answer.get("diagnostics") or [] if d.get("severity") == "error"]
    lines += [f"- gcc line {d.get('line')}: {d.get('message')}" for d in errors[:5]]
    marks = ", ".join(f"{k} {v}" for k, v in sorted(fb.verdicts.items())) or "none"
    user = [
        f"Labels: {', '.join(fb.user_labels) or 'none (clean)'}.",
        f"Marked: {marks}.",
        f"Comment: {fb.comment or '(none)'}",
    ]
    return {
        "external_id": f"feedback-{fb.id}",
        "fields": {"code": fence(fb.code), "detector": "\n".join(lines), "user": "\n\n".join(user)},
        "metadata": {
            "detector_labels": fb.detector_labels or ["none"],
            "user_labels": fb.user_labels or ["none"],
            "model": fb.model,
            "compiles": "yes" if answer.get("compiles") else "no",
        },
        "suggested": {"principles": fb.user_labels, "detector": fb.detector_labels},
    }


def record_hash(record: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class FeedbackPush:
    url: str
    dataset: str
    dataset_id: str
    created: bool
    feedback: int = 0
    sent: int = 0
    unchanged: int = 0


def _ensure(api: Argilla, workspace_id: str, name: str) -> tuple[dict[str, Any], bool]:
    metadata = {
        key: {"name": key, "title": key.replace("_", " "), "settings": {"type": kind}}
        for key, kind in METADATA.items()
    }
    return ensure_dataset(
        api,
        workspace_id,
        name,
        body={"guidelines": GUIDELINES},
        fields=FIELDS,
        questions=QUESTIONS,
        metadata=metadata,
    )


def _upload(record: dict[str, Any], qids: dict[str, str]) -> dict[str, Any]:
    item = {k: v for k, v in record.items() if k != "suggested"}
    agents = {"principles": ("human", USER_AGENT), "detector": ("model", DETECTOR_AGENT)}
    item["suggestions"] = [
        {"question_id": qids[q], "value": labels, "type": agents[q][0], "agent": agents[q][1]}
        for q, labels in record["suggested"].items()
        if labels
    ]
    return item


def push_feedback(
    store: DemoStore, api: Argilla, workspace: str, dataset: str | None = None, batch: int = 100
) -> FeedbackPush:
    api.check()
    name = dataset or DEFAULT_DATASET
    ws_id = api.workspace_id(workspace)
    ds, created = _ensure(api, ws_id, name)
    dsid = str(ds["id"])
    report = FeedbackPush(api.url, name, dsid, created)
    store.set_feedback_dataset({"url": api.url, "workspace": workspace, "name": name, "id": dsid})
    before = store.feedback_hashes(dsid)
    todo = []
    for fb in store.feedback():
        report.feedback += 1
        record = record_of(fb)
        h = record_hash(record)
        if before.get(fb.id) == h:
            report.unchanged += 1
        else:
            todo.append((fb.id, record, h))
    qids = {n: str(q["id"]) for n, q in api.questions(dsid).items()}
    for start in range(0, len(todo), batch):
        part = todo[start : start + batch]
        try:
            api.request(
                "PUT",
                f"/api/v1/datasets/{dsid}/records/bulk",
                json={"items": [_upload(r, qids) for _, r, _ in part]},
            )
        except ArgillaError as exc:
            raise ArgillaError(
                f"{exc}. Push stopped after {report.sent} of {len(todo)} feedback records;"
                " running it again sends only the rest"
            ) from None
        store.mark_feedback_pushed(dsid, {fid: h for fid, _, h in part}, time.time())
        report.sent += len(part)
    return report


@dataclass
class FeedbackPull:
    dataset: str
    records: int = 0
    unknown: int = 0
    decisions: dict[str, int] = field(default_factory=dict)


def _value(values: dict[str, Any] | None, name: str) -> Any:
    entry = (values or {}).get(name)
    return entry.get("value") if isinstance(entry, dict) else None


def _votes(record: dict[str, Any]) -> list[Vote]:
    out = []
    for r in record.get("responses") or []:
        if r.get("status") not in ("submitted", "discarded"):
            continue  # a draft is no decision yet
        values = r.get("values")
        out.append(
            Vote(
                user=str(r.get("user_id")),
                status=r["status"],
                decision=_value(values, "decision"),
                labels=tuple(str(x) for x in _value(values, "principles") or []),
                note=str(_value(values, "note") or "").strip(),
            )
        )
    return sorted(out, key=lambda v: v.user)


def pull_feedback(
    store: DemoStore,
    api: Argilla,
    workspace: str | None = None,
    dataset: str | None = None,
    rule: Rule = Rule.MAJORITY,
    min_votes: int = 1,
) -> FeedbackPull:
    pushed = store.feedback_dataset()
    name = dataset or pushed.get("name") or DEFAULT_DATASET
    workspace = workspace or pushed.get("workspace") or "declean"
    api.check()
    ds = api.find_dataset(api.workspace_id(workspace), name)
    if ds is None:
        raise ArgillaError(
            f"dataset {name!r} not found in workspace {workspace!r} on {api.url};"
            " run `declean push --feedback DIR` first"
        )
    known = {fb.id for fb in store.feedback()}
    report = FeedbackPull(name)
    rows: list[FeedbackDecision] = []
    for record in api.records(str(ds["id"])):
        ext = str(record.get("external_id") or "")
        fid = int(ext.removeprefix("feedback-")) if ext.removeprefix("feedback-").isdigit() else -1
        if fid not in known:
            report.unknown += 1
            continue
        votes = _votes(record)
        outcome = decide(votes, rule, min_votes)
        report.records += 1
        report.decisions[outcome.decision] = report.decisions.get(outcome.decision, 0) + 1
        raw = [
            {"status": v.status, "decision": v.decision, "labels": list(v.labels), "note": v.note}
            for v in votes
        ]
        notes = [v.note for v in votes if v.note]
        rows.append(
            FeedbackDecision(
                feedback_id=fid,
                decision=outcome.decision,
                labels=outcome.labels,
                notes=notes,
                responses=raw,
            )
        )
    store.save_feedback_decisions(rows, time.time())
    return report
