"""What curators see: the dataset's fields, questions and metadata, and one record per sample."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from generator.principles import Principle
from generator.problems import Problem
from generator.records import Sample

GUIDELINES = Path(__file__).resolve().parent.parent.parent / "guidelines" / "curation.md"
AGENT = "declean-pipeline"

FIELDS: list[tuple[str, str, bool]] = [
    ("statement", "Problem", True),
    ("code", "Code to review", True),
    ("parent_code", "Parent: the code this one was derived from", False),
    ("diff", "Diff against the parent", False),
    ("evidence", "What the pipeline's static checks found", False),
]

PRINCIPLE_TEXT = {
    Principle.DRY: "DRY: duplicated logic that should be one function or loop",
    Principle.SRP: "SRP: a function doing several unrelated jobs",
    Principle.MC: "MC: unexplained magic numbers or strings in the code",
    Principle.NAME: "NAME: meaningless or misleading names",
}

QUESTIONS: list[dict[str, Any]] = [
    {
        "name": "decision",
        "title": "Keep this sample in the dataset?",
        "description": "Keep: correct example with the right labels (after your corrections). "
        "Reject: broken, unreadable, not a real violation, or otherwise unfit.",
        "required": True,
        "settings": {
            "type": "label_selection",
            "options": [{"value": "keep", "text": "Keep"}, {"value": "reject", "text": "Reject"}],
        },
    },
    {
        "name": "principles",
        "title": "Which principles does this code really violate?",
        "description": "Pre-filled with the pipeline's labels. Untick what is not violated, "
        "tick what is. Leave all unticked for clean code.",
        "required": False,
        "settings": {
            "type": "multi_label_selection",
            "options": [
                {"value": p.value, "text": p.value, "description": PRINCIPLE_TEXT.get(p, p.value)}
                for p in Principle
            ],
        },
    },
    {
        "name": "note",
        "title": "Note (optional)",
        "description": "Anything the next reader should know: why you rejected, what is odd.",
        "required": False,
        "settings": {"type": "text", "use_markdown": False},
    },
]

# name -> (title, type); evidence signal deltas are added per record as `ev_*` floats.
METADATA: dict[str, tuple[str, str]] = {
    "problem_id": ("Problem", "terms"),
    "kind": ("Kind (clean or variant)", "terms"),
    "principle": ("Principle broken by this step", "terms"),
    "applied": ("Principles applied by the pipeline", "terms"),
    "model": ("Model", "terms"),
    "seed": ("Seed", "integer"),
    "temperature": ("Temperature", "float"),
    "dedup_cluster": ("Dedup cluster", "terms"),
    "evidence_verdict": ("Evidence verdict", "terms"),
    "evidence_collateral": ("Also broken, per evidence", "terms"),
    "independent_confirmed": ("Broken, per clang-tidy/lizard/jscpd", "terms"),
    # An integer so curators can sort by it and filter >= 1 to review those first.
    "evidence_analysers_disagree": ("Principles evidence and analysers disagree on", "integer"),
}


def guidelines() -> str:
    return GUIDELINES.read_text(encoding="utf-8")


def fence(code: str, lang: str) -> str:
    # A fence longer than any backtick run inside, so code cannot close it early.
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{code.rstrip()}\n{ticks}"


def unified_diff(parent: str, code: str) -> str:
    lines = difflib.unified_diff(
        parent.splitlines(), code.splitlines(), "parent.c", "this.c", lineterm="", n=2
    )
    return "\n".join(lines)


def evidence_metrics(evidence: dict[str, Any] | None) -> dict[str, float]:
    """Per-principle signal changes (variant - parent) as filterable numbers."""
    out: dict[str, float] = {}
    metrics = (evidence or {}).get("metrics") or {}
    for principle, finding in metrics.items():
        signals = finding.get("signals") if isinstance(finding, dict) else None
        for name, value in (signals or {}).items():
            if not isinstance(value, dict):
                continue
            before, after = value.get("parent"), value.get("variant")
            if _number(before) and _number(after):
                out[f"ev_{principle.lower()}_{name}"] = round(float(after) - float(before), 4)
    return out


def _number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def evidence_text(evidence: dict[str, Any] | None) -> str:
    if not evidence:
        return ""
    lines = [f"**{evidence.get('principle', '?')}: {evidence.get('verdict', '?')}**"]
    lines += [f"- {r}" for r in evidence.get("reasons") or []]
    collateral = evidence.get("collateral") or []
    if collateral:
        lines.append(f"- also breaks: {', '.join(map(str, collateral))}")
    return "\n".join(lines)


def independent_metadata(sample: Sample) -> dict[str, Any]:
    """Nothing when the analysers did not run (or failed): no figure is better than a 0."""
    metrics = sample.independent_metrics
    if metrics is None or "error" in metrics:
        return {}
    ev = sample.evidence or {}
    by_evidence = {str(p) for p in ev.get("collateral") or []}
    if ev.get("confirmed") and sample.principle is not None:
        by_evidence.add(sample.principle.value)
    by_analysers = {p.value for p in sample.independent_confirmed}
    return {
        "independent_confirmed": [p.value for p in Principle if p.value in by_analysers]
        or ["none"],
        "evidence_analysers_disagree": len(by_evidence ^ by_analysers),
    }


def build_record(sample: Sample, problem: Problem | None, parent: Sample | None) -> dict[str, Any]:
    """The record without server ids: `suggested_labels` becomes a suggestion at upload."""
    statement = f"### {problem.title}\n\n{problem.statement}" if problem else sample.problem_id
    fields = {"statement": statement, "code": fence(sample.code, "c")}
    if parent is not None:
        fields["parent_code"] = fence(parent.code, "c")
        fields["diff"] = fence(unified_diff(parent.code, sample.code) or "(no change)", "diff")
    text = evidence_text(sample.evidence)
    if text:
        fields["evidence"] = text
    ev = sample.evidence or {}
    metadata: dict[str, Any] = {
        "problem_id": sample.problem_id,
        "kind": sample.kind.value,
        "principle": sample.principle.value if sample.principle else "none",
        "applied": [p.value for p in sample.labels] or ["none"],
        "model": sample.model,
        "seed": sample.seed,
        "temperature": sample.temperature,
        "dedup_cluster": sample.dedup_cluster,
        "evidence_verdict": ev.get("verdict"),
        "evidence_collateral": [str(p) for p in ev.get("collateral") or []] or None,
        **evidence_metrics(sample.evidence),
        **independent_metadata(sample),
    }
    return {
        "external_id": sample.id,
        "fields": fields,
        "metadata": {k: v for k, v in metadata.items() if v is not None},
        "suggested_labels": [p.value for p in sample.labels],
    }


def record_hash(record: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:16]


def metadata_setting(name: str) -> dict[str, Any]:
    title, kind = METADATA.get(name, (name.removeprefix("ev_").replace("_", " "), "float"))
    return {"name": name, "title": title, "settings": {"type": kind}}
