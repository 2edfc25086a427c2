"""Every detector through one door: the rows to score (an export's split, or a labelled
folder of real programs), the detector's answers, one scoring, a report next to the export.

A detector is a trained one (`--detector PATH`, from `declean train`), a baseline
(`--detector nothing|everything|linter`), or, with no `--detector`, the prompt detector on an
LLM endpoint. Rows labelled NO_COMPILE are left out of the scoring: their principles are
unknown, and the compiler, not a detector, decides whether a program compiles.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.dataset.layout import EVAL_DIR, REAL
from generator.dataset.rows import NO_COMPILE
from generator.detectors.folder import LABELS, check_disjoint, load_folder
from generator.detectors.scoring import Predictions, markdown, score
from generator.detectors.trained import Example
from generator.errors import ConfigError

if TYPE_CHECKING:
    from generator.llm import LLMSettings


@dataclass
class Target:
    """What is scored: `split` names it in reports (`test`, or `real` for a folder)."""

    split: str
    rows: list[Example]
    source: str  # the export split or the folder's path
    left_out: int = 0  # NO_COMPILE rows
    folder: str | None = None  # the labelled folder's name, when scored on one


def scorable(rows: list[dict[str, Any]]) -> tuple[list[Example], int]:
    """Rows (`id`, `code`, `gold`) as examples, and how many NO_COMPILE rows were left out."""
    kept = [Example(r["id"], r["code"], r["gold"]) for r in rows if NO_COMPILE not in r["gold"]]
    return kept, len(rows) - len(kept)


def export_examples(export_dir: Path, split: str) -> tuple[list[Example], int]:
    """The split's scorable rows, and how many NO_COMPILE rows were left out."""
    from generator.dataset.evaluation import load_split

    return scorable(load_split(Path(export_dir), split)[0])


def synthetic_codes(export_dir: Path) -> dict[str, str]:
    """Row id -> code of every train and test row (compile failures included): what a real
    row must not be, nor be a near twin of."""
    from generator.dataset.evaluation import load_split

    out: dict[str, str] = {}
    for split in ("train", "test"):
        rows, _ = load_split(Path(export_dir), split)
        out.update({r["id"]: r["code"] for r in rows})
    return out


def real_target(real_dir: Path, export_dir: Path | None = None) -> Target:
    folder = load_folder(real_dir)
    if export_dir is not None:
        check_disjoint(folder, synthetic_codes(export_dir))
    rows = [Example(folder.row_id(p), p.code, p.labels) for p in folder.programs]
    return Target(REAL, rows, str(folder.directory.resolve()), folder=folder.name)


def target(export_dir: Path, split: str, real_dir: Path | None) -> Target:
    if real_dir is not None:
        return real_target(real_dir, export_dir)
    rows, left_out = export_examples(export_dir, split)
    return Target(split, rows, f"{Path(export_dir).resolve()}:{split}", left_out)


@dataclass
class Answer:
    detector: str
    predictions: Predictions
    extra: dict[str, Any] = field(default_factory=dict)  # what the report adds for this kind
    records: list[dict[str, Any]] = field(default_factory=list)  # per row, for predictions.jsonl


def trained_or_baseline(spec: str, codes: list[str]) -> Answer:
    from generator.detectors.baselines import BASELINES, baseline
    from generator.detectors.trained import load

    path = Path(spec)
    if not path.exists() and spec in BASELINES:
        return Answer(spec, baseline(spec, codes), {"kind": "baseline"})
    detector = load(path)
    extra = {"kind": "trained", "path": str(path.resolve()), "meta": detector.meta}
    return Answer(detector.name, detector.predict(codes), extra)


def prompt_answer(
    rows: list[Example],
    store_dir: Path,
    settings: LLMSettings,
    structured: bool,
    log: Callable[[str], None],
) -> Answer:
    from generator.dataset.evaluation import predict_all

    asked = [{"id": r.id, "code": r.code, "gold": r.labels} for r in rows]
    predictions, model, used_structured = predict_all(asked, store_dir, settings, structured, log)
    # The prompt may answer NO_COMPILE too; the principles are what is scored here.
    labels = [
        None if p.labels is None else tuple(x for x in p.labels if x in LABELS) for p in predictions
    ]
    extra = {
        "kind": "prompt",
        "model": model,
        "structured_output": used_structured,
        "unparseable": sum(1 for p in predictions if p.status == "unparseable"),
        "errors": sum(1 for p in predictions if p.status == "error"),
        "cached": sum(1 for p in predictions if p.cached),
    }
    return Answer(model, Predictions(labels), extra, [p.as_dict() for p in predictions])


def slug(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "detector"


@dataclass(frozen=True)
class EvalResult:
    report: dict[str, Any]  # the `--json` object
    answer: Answer
    target: Target
    json_path: Path
    md_path: Path


def _stem(export_dir: Path, target: Target, detector: str) -> Path:
    where = f"{REAL}-{slug(target.folder)}" if target.folder else target.split
    return export_dir / EVAL_DIR / f"{where}-{slug(detector)}"


def write(export_dir: Path, target: Target, answer: Answer, report: dict[str, Any]) -> EvalResult:
    stem = _stem(export_dir, target, answer.detector)
    stem.parent.mkdir(parents=True, exist_ok=True)
    full = {**report, "source": target.source, "left_out_no_compile": target.left_out}
    full["about"] = answer.extra
    # Not with_suffix: detector names hold dots (qwen2.5-1.5b).
    json_path, md_path = Path(f"{stem}.json"), Path(f"{stem}.md")
    json_path.write_text(json.dumps(full, indent=2) + "\n", encoding="utf-8")
    title = f"{answer.detector} on {target.split} ({target.source})"
    md_path.write_text(markdown(report, title), encoding="utf-8")
    records = answer.records or [
        {"id": r.id, "gold": list(r.labels), "pred": list(p) if p is not None else None}
        for r, p in zip(target.rows, answer.predictions.labels, strict=True)
    ]
    with open(f"{stem}.predictions.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return EvalResult(report, answer, target, json_path, md_path)


def evaluate(
    export_dir: Path,
    split: str = "test",
    real_dir: Path | None = None,
    detector: str | None = None,
    settings: LLMSettings | None = None,
    structured: bool = True,
    limit: int | None = None,
    log: Callable[[str], None] = print,
) -> EvalResult:
    export_dir = Path(export_dir)
    tgt = target(export_dir, split, real_dir)
    if limit is not None:
        tgt.rows = tgt.rows[:limit]
    if not tgt.rows:
        raise ConfigError(f"{tgt.source}: nothing to evaluate (no scorable row)")
    if detector is not None:
        answer = trained_or_baseline(detector, [r.code for r in tgt.rows])
    else:
        from generator.llm import LLMSettings

        answer = prompt_answer(
            tgt.rows, export_dir / EVAL_DIR, settings or LLMSettings(), structured, log
        )
    report = score([r.labels for r in tgt.rows], answer.predictions, tgt.split, answer.detector)
    return write(export_dir, tgt, answer, report)
