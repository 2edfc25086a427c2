"""What curators see: the dataset's fields, questions and metadata, and one record per sample.

Fields come in the order a curator needs them (Argilla shows them in creation order): which
sample this is, the evidence for every label it carries, the diff, the code, the problem,
and the parent's full code last. A record's external id is `<sample id>@<code sha>`, so a
record never changes the code it shows: new code for a sample is a new record, and the
answers given on the old one stay tied to the code they judged.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from generator.curation.state import code_sha
from generator.principles import Principle
from generator.principles.base import rule
from generator.problems import Problem
from generator.records import Sample

GUIDELINES = Path(__file__).resolve().parent.parent.parent / "guidelines" / "curation.md"
AGENT = "declean-pipeline"
CURRENT, STALE = "current", "stale"
STALE_BANNER = "**STALE: the run has other code for this sample now. Do not annotate.**\n\n"

FIELDS: list[tuple[str, str, bool]] = [
    ("sample", "Sample", True),
    ("evidence", "Evidence: each label against the clean solution", False),
    ("diff", "Diff: what the last step changed in its parent", False),
    ("code", "Code to review", True),
    ("statement", "Problem", True),
    ("parent_code", "Parent: the full code this one was derived from", False),
]


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
            # Argilla 2.8 stores option descriptions but does not show them: the meaning
            # of each label goes into the option text, on the chip the curator ticks.
            "options": [
                {
                    "value": p.value,
                    "text": f"{p.value}: {rule(p).short or p.value}",
                    "description": rule(p).short or p.value,
                }
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

# name -> (title, type). Evidence figures are added per record as `ev_*` floats.
METADATA: dict[str, tuple[str, str]] = {
    "sample_id": ("Sample id", "terms"),
    "problem_id": ("Problem", "terms"),
    "root_id": ("Clean ancestor (sort with problem and depth to walk a chain)", "terms"),
    "depth": ("Depth: principles applied (0 = clean solution)", "integer"),
    "kind": ("Kind (clean or variant)", "terms"),
    "principle": ("Principle broken by the last step", "terms"),
    "applied": ("Principles applied by the pipeline", "terms"),
    "state": ("Record state: current, or stale = code changed since, do not annotate", "terms"),
    "code_sha": ("Code hash: the exact code your answer is tied to", "terms"),
    "run_id": ("Run id of the declean run that pushed this record", "terms"),
    "editor": ("Editor of the last step (procedural or llm)", "terms"),
    "transform": ("Edit of the last step", "terms"),
    "model": ("Model", "terms"),
    "seed": ("Seed", "integer"),
    "temperature": ("Temperature", "float"),
    "dedup_cluster": ("Dedup cluster (representative sample id)", "terms"),
    "evidence_verdict": ("Evidence verdict for the last step", "terms"),
    "evidence_collateral": ("Also broken by the last step, per evidence", "terms"),
    "independent_confirmed": ("Broken, per clang-tidy/lizard/jscpd", "terms"),
    # An integer so curators can sort by it and filter >= 1 to review those first.
    "evidence_analysers_disagree": ("Principles evidence and analysers disagree on", "integer"),
}

# Evidence signals: (what is counted, unit, what a positive change means).
SIGNALS: dict[str, tuple[str, str, str]] = {
    "tokens": ("code length", "tokens", "longer code"),
    "duplicated_tokens": ("tokens in repeated runs", "tokens", "more repetition"),
    "duplicated_share": ("share of tokens repeated", "fraction 0-1", "more repetition"),
    "short_duplicated_tokens": ("tokens in short repeated runs", "tokens", "more repetition"),
    "unnamed_literals": ("unnamed literals in code", "count", "more magic values"),
    "distinct_unnamed_values": ("distinct unnamed values", "count", "more magic values"),
    "named_constants": ("named constants", "count", "more constants (negative: inlined)"),
    "declared_names": ("declared names", "count", "more names"),
    "meaningful_names": ("meaningful names", "count", "more (negative: names lost meaning)"),
    "vague_names": ("vague names", "count", "more vague names"),
    "functions": ("functions", "count", "more functions (negative: helpers merged)"),
    "max_decisions": ("decisions in the busiest function", "count", "a busier function"),
    "absorber_decisions": ("decisions in the absorbing function", "count", "more absorbed"),
    "absorber_statements": ("statements in the absorbing function", "count", "more absorbed"),
}


def guidelines() -> str:
    return GUIDELINES.read_text(encoding="utf-8")


def external_id(sample: Sample) -> str:
    return f"{sample.id}@{code_sha(sample.code)}"


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


def _number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def signal_deltas(metrics: dict[str, Any] | None) -> dict[str, float]:
    """Per-principle signal changes (this code - the compared one) as filterable numbers."""
    out: dict[str, float] = {}
    for principle, finding in (metrics or {}).items():
        signals = finding.get("signals") if isinstance(finding, dict) else None
        for name, value in (signals or {}).items():
            if not isinstance(value, dict):
                continue
            before, after = value.get("parent"), value.get("variant")
            if _number(before) and _number(after):
                out[f"ev_{principle.lower()}_{name}"] = round(float(after) - float(before), 4)
    return out


def depth(sample: Sample) -> int:
    return len(sample.labels)


def chain_text(sample: Sample) -> str:
    steps = " → ".join(f"+{p.value}" for p in sample.labels)
    if not steps:
        return f"clean solution of `{sample.problem_id}`"
    return f"clean `{sample.root_id}` → {steps} (depth {depth(sample)})"


def sample_text(sample: Sample) -> str:
    labels = ", ".join(p.value for p in sample.labels) or "none (clean)"
    lines = [
        f"**`{sample.id}`**: {chain_text(sample)}",
        f"Pipeline labels: **{labels}**",
    ]
    return "\n\n".join(lines)


def label_evidence(sample: Sample, root: Sample | None) -> tuple[str, dict[str, float]]:
    """Every label the sample carries, checked against its clean root: one line each."""
    if not sample.labels:
        return "", {}
    if root is None or root.id == sample.id:
        metrics = sample.evidence.metrics if sample.evidence else None
        return _stored_evidence(sample), signal_deltas(metrics)
    from generator.c.program import Program
    from generator.principles.check import check

    lines = [f"This code against the clean solution `{root.id}`:"]
    metrics: dict[str, Any] = {}
    newly_broken: set[str] = set()
    parent, variant = Program(root.code), Program(sample.code)
    for p in sample.labels:
        ev = check(parent, variant, p)
        metrics = ev.metrics
        newly_broken |= {c.value for c in ev.collateral}
        reason = ev.reasons[0] if ev.reasons else "no reason given"
        lines.append(f"- **{p.value}** {ev.verdict.replace('_', ' ')}: {reason}")
    unlabelled = sorted(newly_broken - {p.value for p in sample.labels})
    if unlabelled:
        lines.append(f"- also broken, not labelled: {', '.join(unlabelled)}")
    return "\n".join(lines), signal_deltas(metrics)


def _stored_evidence(sample: Sample) -> str:
    ev = sample.evidence
    if ev is None:
        return ""
    lines = [f"This code against its parent `{sample.parent_id}`:"]
    reason = ev.reasons[0] if ev.reasons else "no reason given"
    lines.append(f"- **{ev.principle}** {ev.verdict.replace('_', ' ')}: {reason}")
    collateral = [p.value for p in ev.collateral]
    if collateral:
        lines.append(f"- also broken, not labelled: {', '.join(map(str, collateral))}")
    return "\n".join(lines)


def independent_metadata(sample: Sample) -> dict[str, Any]:
    """Nothing when the analysers did not run (or failed): no figure is better than a 0."""
    metrics = sample.independent_metrics
    if metrics is None or "error" in metrics:
        return {}
    ev = sample.evidence
    by_evidence = {p.value for p in ev.collateral} if ev else set()
    if ev is not None and ev.confirmed and sample.principle is not None:
        by_evidence.add(sample.principle.value)
    by_analysers = {p.value for p in sample.independent_confirmed}
    return {
        "independent_confirmed": [p.value for p in Principle if p.value in by_analysers]
        or ["none"],
        "evidence_analysers_disagree": len(by_evidence ^ by_analysers),
    }


def build_record(
    sample: Sample,
    problem: Problem | None,
    parent: Sample | None,
    root: Sample | None = None,
    run_id: str = "",
) -> dict[str, Any]:
    """The record without server ids: `suggested_labels` becomes a suggestion at upload."""
    statement = f"### {problem.title}\n\n{problem.statement}" if problem else sample.problem_id
    evidence, deltas = label_evidence(sample, root)
    fields = {"sample": sample_text(sample)}
    if evidence:
        fields["evidence"] = evidence
    if parent is not None:
        fields["diff"] = fence(unified_diff(parent.code, sample.code) or "(no change)", "diff")
    fields["code"] = fence(sample.code, "c")
    fields["statement"] = statement
    if parent is not None:
        fields["parent_code"] = fence(parent.code, "c")
    ev = sample.evidence
    metadata: dict[str, Any] = {
        "sample_id": sample.id,
        "problem_id": sample.problem_id,
        "root_id": sample.root_id,
        "depth": depth(sample),
        "kind": sample.kind.value,
        "principle": sample.principle.value if sample.principle else "none",
        "applied": [p.value for p in sample.labels] or ["none"],
        "state": CURRENT,
        "code_sha": code_sha(sample.code),
        "run_id": run_id or None,
        "editor": sample.editor,
        "transform": sample.transform,
        "model": sample.model,
        "seed": sample.seed,
        "temperature": sample.temperature,
        "dedup_cluster": sample.dedup_cluster,
        "evidence_verdict": ev.verdict if ev else None,
        "evidence_collateral": [p.value for p in ev.collateral] if ev and ev.collateral else None,
        **deltas,
        **independent_metadata(sample),
    }
    return {
        "external_id": external_id(sample),
        "fields": fields,
        "metadata": {k: v for k, v in metadata.items() if v is not None},
        "suggested_labels": [p.value for p in sample.labels],
    }


def record_hash(record: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:16]


def metadata_setting(name: str) -> dict[str, Any]:
    if name in METADATA:
        title, kind = METADATA[name]
    else:
        title, kind = signal_title(name), "float"
    return {"name": name, "title": title, "settings": {"type": kind}}


def signal_title(name: str) -> str:
    """`ev_mc_unnamed_literals` -> 'MC unnamed literals in code vs clean (count; + = ...)'."""
    _, principle, signal = [*name.split("_", 2), "", ""][:3]
    what, unit, positive = SIGNALS.get(signal, (signal.replace("_", " "), "number", "more"))
    return f"{principle.upper()} {what}, change vs clean ({unit}; + = {positive})"
