"""`declean audit`: how far each label is backed by declean's evidence, by the independent
analysers and by people, read from a run's store.

A variant is judged on the labels its own step added (its principle and any collateral
label), against its parent: an inherited label was judged at its parent's step. Figures a
run did not store are computed now, in one batch, and cached under the run directory.
Human agreement comes from the `curation` table that `declean pull` fills: a kept record
keeps each generator label the curators ticked and removes the others, adds each ticked
label the generator did not give; a rejected record removes all of its labels.
"""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field

from generator.independent.cache import code_hash
from generator.independent.tools import Figures, measure
from generator.independent.verdicts import analysers, flags, verdict
from generator.principles import Principle
from generator.records import Kind, Sample, Status
from generator.store import Store


class LabelAgreement(BaseModel):
    variants: int = 0  # accepted variants whose step gave this label
    agree: int = 0  # of those, how many the analysers confirm
    rate: float | None = None
    evidence: int = 0  # of those, how many declean's own evidence confirmed


class BaseRate(BaseModel):
    principle: Principle
    solutions: int = 0  # accepted clean solutions
    flagged: int = 0  # that the analyser flags on their own
    rate: float | None = None
    mean: float | None = None  # the analyser's figure, averaged


class HumanLabel(BaseModel):
    kept: int = 0
    removed: int = 0
    added: int = 0
    rate: float | None = None  # kept / (kept + removed)


class Human(BaseModel):
    records: int = 0  # curated samples with a decision other than pending
    kept: int = 0
    share_kept: float | None = None
    decisions: dict[str, int] = Field(default_factory=dict)
    labels: dict[str, HumanLabel] = Field(default_factory=dict)


class Audit(BaseModel):
    labels: dict[str, LabelAgreement]
    clean: dict[str, BaseRate]
    human: Human | None = None  # None until `declean pull` stored a decision
    programs: int = 0  # distinct programs whose figures were read from the cache or computed
    seconds: float = 0.0


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def step_labels(variant: Sample, parent: Sample | None) -> list[Principle]:
    if parent is None:
        return [variant.principle] if variant.principle else []
    return [p for p in variant.labels if p not in parent.labels]


def _evidence_backs(variant: Sample, label: Principle) -> bool:
    ev = variant.evidence
    if ev is None:
        return False
    if label == variant.principle:
        return ev.confirmed
    return label in ev.collateral


def audit(store: Store, cache_dir: Any = None) -> Audit:
    start = time.perf_counter()
    samples = {s.id: s for s in store.samples()}
    accepted = [s for s in samples.values() if s.status == Status.ACCEPTED]
    variants = [s for s in accepted if s.kind == Kind.VARIANT]
    cleans = [s for s in accepted if s.kind == Kind.CLEAN]
    unstored = [v for v in variants if not _stored(v)]
    wanted = [c.code for c in cleans] + [v.code for v in unstored]
    wanted += [samples[v.parent_id].code for v in unstored if v.parent_id in samples]
    known = {code_hash(c) for c in wanted}
    figures = measure(wanted, cache_dir) if wanted else {}

    labels = {p.value: LabelAgreement() for p in Principle}
    for v in variants:
        parent = samples.get(v.parent_id or "")
        confirmed = _confirmed(v, parent, figures)
        for label in step_labels(v, parent):
            row = labels.setdefault(label.value, LabelAgreement())
            row.variants += 1
            row.agree += label in confirmed
            row.evidence += _evidence_backs(v, label)
    for row in labels.values():
        row.rate = _rate(row.agree, row.variants)

    return Audit(
        labels=labels,
        clean=base_rates([figures[code_hash(c.code)] for c in cleans]),
        human=human(store, samples),
        programs=len(known),
        seconds=round(time.perf_counter() - start, 3),
    )


def _stored(v: Sample) -> bool:
    """Figures the run stored; an analyser failure recorded then is measured again now."""
    return v.independent_metrics is not None and "error" not in v.independent_metrics


def _confirmed(v: Sample, parent: Sample | None, figures: dict[str, Figures]) -> list[Principle]:
    if _stored(v):
        return list(v.independent_confirmed)
    if parent is None:
        return []
    return verdict(figures[code_hash(parent.code)], figures[code_hash(v.code)]).confirmed


def base_rates(cleans: list[Figures]) -> dict[str, BaseRate]:
    counted = analysers()
    out = {name: BaseRate(principle=p, solutions=len(cleans)) for name, p in counted.items()}
    totals = dict.fromkeys(counted, 0)
    for fig in cleans:
        for name, (flagged, figure) in flags(fig).items():
            out[name].flagged += flagged
            totals[name] += figure
    for name, row in out.items():
        row.rate = _rate(row.flagged, row.solutions)
        row.mean = round(totals[name] / row.solutions, 2) if row.solutions else None
    return out


def human(store: Store, samples: dict[str, Sample]) -> Human | None:
    """What curators decided, per label. A decision made on other code than the sample's
    now (`stale`, issue 15) says nothing about this code and is left out like a pending one."""
    from generator.curation.state import STALE, current_curation

    decided = [
        (sid, row.decision, row.labels)
        for sid, row in current_curation(store).items()
        if row.decision not in ("pending", STALE)
    ]
    if not decided:
        return None
    out = Human(labels={p.value: HumanLabel() for p in Principle})
    for sid, decision, curated in decided:
        out.records += 1
        out.decisions[decision] = out.decisions.get(decision, 0) + 1
        sample = samples.get(sid)
        if sample is not None and decision != "conflict":  # a conflict says nothing yet
            _count_labels(out, [p.value for p in sample.labels], decision, curated)
    out.share_kept = _rate(out.kept, out.records)
    for row in out.labels.values():
        row.rate = _rate(row.kept, row.kept + row.removed)
    return out


def _count_labels(out: Human, generated: list[str], decision: str, curated: list[str]) -> None:
    """A kept record keeps the generated labels the curators kept and adds the ones they
    added; a rejected one removes all its labels."""
    kept = decision == "keep"
    out.kept += kept
    for label in generated:
        row = out.labels.setdefault(label, HumanLabel())
        if kept and label in curated:
            row.kept += 1
        else:
            row.removed += 1
    for label in curated if kept else []:
        if label not in generated:
            out.labels.setdefault(label, HumanLabel()).added += 1
