"""Write a run as a Hugging Face dataset: Arrow on disk, Parquet for the Hub, card, figures.

Layout of an export directory (loadable as is, and uploadable as is):

    README.md                      dataset card, YAML header with `configs` and `dataset_info`
    data/train-00000-of-00001.parquet, data/test-00000-of-00001.parquet
    arrow/                         `DatasetDict.save_to_disk` (datasets.load_from_disk)
    chat/train.jsonl, chat/test.jsonl   system + code + labels, for fine-tuning a detector
    figures/labels.png, figures/funnel.png
    export.json                    what was exported from where (read back by `declean eval`)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.dataset import detector
from generator.dataset.layout import (
    ARROW_DIR,
    CHAT_DIR,
    DATA_DIR,
    FIGURES_DIR,
    MANIFEST,
    REAL,
    SPLITS,
    features,
    parquet_name,
)
from generator.dataset.rows import LABEL_NAMES, NO_COMPILE, Labels, Row, Source, load_rows
from generator.dataset.split import TEST, TRAIN, Balance, balance_of, load_split
from generator.diversity import diversity
from generator.errors import DecleanError
from generator.records import Sample
from generator.store import Store

if TYPE_CHECKING:
    from datasets import DatasetDict


def _lineage(sample: Sample, by_id: dict[str, Sample]) -> list[Sample]:
    """Root first, this sample last; stops at a missing link instead of failing the export."""
    chain = [sample]
    seen = {sample.id}
    while chain[-1].parent_id and chain[-1].parent_id in by_id:
        parent = by_id[chain[-1].parent_id]
        if parent.id in seen:
            break
        seen.add(parent.id)
        chain.append(parent)
    return chain[::-1]


def record(row: Row, by_id: dict[str, Sample], statements: dict[str, str]) -> dict[str, Any]:
    s = row.sample
    ev = s.evidence
    root = by_id.get(s.root_id)
    no_compile = NO_COMPILE in row.labels
    return {
        "id": s.id,
        "problem_id": s.problem_id,
        "problem": statements.get(s.problem_id, ""),
        "code": s.code,
        "labels": list(row.labels),
        "clean_code": root.code if root else "",
        "parent_id": s.parent_id,
        "root_id": s.root_id,
        "kind": s.kind.value,
        "principle": s.principle.value if s.principle else None,
        "editor": s.editor,
        "transform": s.transform,
        "generated_labels": [p.value for p in s.labels],
        "injected": [p.value for p in s.labels],
        "compiles": not no_compile,
        "compile_error": s.detail if no_compile else "",
        "evidence_verdict": ev.verdict if ev else None,
        "evidence_confirmed": ev.confirmed if ev else None,
        "evidence_collateral": [p.value for p in ev.collateral] if ev else [],
        "evidence_reasons": list(ev.reasons) if ev else [],
        "evidence_metrics": json.dumps(ev.metrics, sort_keys=True) if ev else None,
        "independent_confirmed": [p.value for p in s.independent_confirmed],
        "independent_metrics": (
            json.dumps(s.independent_metrics, sort_keys=True)
            if s.independent_metrics is not None
            else None
        ),
        "model": s.model,
        "seed": s.seed,
        "temperature": s.temperature,
        "prompt_hash": s.prompt_hash,
        "prompt_hashes": list(
            dict.fromkeys(
                h for x in _lineage(s, by_id) for h in (x.prompt_hash, *x.followup_prompts) if h
            )
        ),
        "attempts": s.attempts,
        "repairs": list(s.repairs),
        "curation": row.curation,
        "curation_notes": list(row.curation_notes),
    }


def funnel(store: Store) -> dict[str, Any]:
    """Counts per kind, status and rejection reason, plus curation decisions: the card's story."""
    out: dict[str, Any] = {}
    for kind, status, reason, n in store.verdict_counts(by="kind"):
        k = out.setdefault(kind, {"total": 0, "accepted": 0, "pending": 0, "rejected": {}})
        k["total"] += n
        if status == "rejected":
            k["rejected"][reason or "unspecified"] = n
        else:
            k[status] = k.get(status, 0) + n
    # `stale` counts decisions made on code the run has since replaced.
    from generator.curation.state import decision_counts

    return {"samples": out, "curation": decision_counts(store)}


@dataclass(frozen=True)
class ExportResult:
    out: Path
    sizes: dict[str, int]
    balance: Balance
    manifest: dict[str, Any]


def build(rows: list[Row], assignment: dict[str, str], store: Store) -> DatasetDict:
    from datasets import Dataset, DatasetDict, disable_progress_bars

    disable_progress_bars()  # a few hundred rows: bars only clutter the CLI's own report
    by_id = {s.id: s for s in store.samples()}
    statements = {pid: p.statement for pid, p in store.problems().items()}
    feats = features()
    per_split: dict[str, list[dict[str, Any]]] = {TRAIN: [], TEST: []}
    for row in rows:
        per_split[assignment[row.problem_id]].append(record(row, by_id, statements))
    return DatasetDict(
        {name: Dataset.from_list(per_split[name], features=feats) for name in SPLITS}
    )


def _write_chat(dsd: DatasetDict, out: Path) -> None:
    tpl = detector.template()
    names = dsd[TRAIN].features["labels"].feature.names
    (out / CHAT_DIR).mkdir(parents=True, exist_ok=True)
    for split in dsd:
        with (out / CHAT_DIR / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for ex in dsd[split]:
                messages = detector.training_messages(ex["code"], tpl)
                answer = detector.format_answer([names[i] for i in ex["labels"]])
                messages.append({"role": "assistant", "content": answer})
                fh.write(json.dumps({"id": ex["id"], "messages": messages}) + "\n")


def rows_for_export(store: Store, source: Source) -> tuple[list[Row], dict[str, str], dict]:
    """The rows and the stored split, checked against each other."""
    assignment, settings = load_split(store, source)
    # A split stored before `--labels` existed meant the edits' labels.
    meaning = Labels(settings.get("labels", Labels.INJECTED.value))
    rows = load_rows(store, source, bool(settings.get("include_no_compile")), meaning)
    dropped = set(settings.get("dropped") or [])  # --balance natural left these out
    rows = [r for r in rows if r.id not in dropped]
    missing = sorted({r.problem_id for r in rows} - assignment.keys())
    if missing:
        run_dir = store.path.parent
        raise DecleanError(
            f"{run_dir}: problem(s) {missing[:5]} have samples but are not in the stored"
            f" {source.value} split (the run went on after `declean split`); run"
            f" `declean split {run_dir} --source {source.value}` again"
        )
    return rows, assignment, settings


def export(
    run_dir: Path,
    out: Path,
    source: Source,
    license_id: str = "apache-2.0",
    feedback: Path | None = None,
    real_dirs: list[Path] | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """`feedback`: a demo directory whose curated programs join the separate `real` split;
    `real_dirs`: labelled folders of real programs that join it too. `out` must be new,
    empty or an earlier export of this run, unless `overwrite`."""
    from generator.dataset import card, figures
    from generator.dataset.target import check_out, clear_out
    from generator.detectors.transfer import transfer

    same_run = check_out(out, run_dir, overwrite)

    with Store.open(run_dir, create=False) as store:
        rows, assignment, settings = rows_for_export(store, source)
        dsd = build(rows, assignment, store)
        balance = balance_of(rows, assignment)
        fun = funnel(store)
        stats = store.llm_cache.stats()
        models = sorted({r.sample.model for r in rows if r.sample.model})
        agreement = _agreement(store)
    synthetic = dsd
    dsd, real, folders = with_real(dsd, rows, feedback, real_dirs or [])
    splits = tuple(dsd)
    # A re-export replaces the previous one whole, so no stale shard or report survives.
    clear_out(out, keep_eval_cache=same_run)
    out.mkdir(parents=True, exist_ok=True)
    dsd.save_to_disk(str(out / ARROW_DIR))
    (out / DATA_DIR).mkdir(exist_ok=True)
    for split in splits:
        dsd[split].to_parquet(str(out / DATA_DIR / parquet_name(split)))
    _write_chat(dsd, out)
    sizes = {split: dsd[split].num_rows for split in splits}
    prompt_hashes = Counter(h for split in SPLITS for hs in dsd[split]["prompt_hashes"] for h in hs)
    manifest = {
        "run_dir": str(Path(run_dir).resolve()),
        "source": source.value,
        "split": {k: settings.get(k) for k in ("seed", "test_size", "include_no_compile")},
        "label_meaning": settings.get("labels", Labels.INJECTED.value),
        "mix": {
            "balance": settings.get("balance_mode", "lattice"),
            "target_rates": settings.get("rates"),
            "left_out": len(settings.get("dropped") or []),
            "rates": label_rates(rows),
        },
        "sizes": sizes,
        "labels": LABEL_NAMES,
        "license": license_id,
        "models": models,
        "prompts": prompt_names(prompt_hashes),
        "detector_prompt": detector.template().sha,
        "funnel": fun,
        "relabelled": relabelled(rows),
        "llm": stats,
        "balance": balance.as_dict(),
        "real": real.manifest() if real else None,
        "real_folders": folders,
        "transfer": transfer(dsd),
        "diversity": diversity(r.sample for r in rows),
        "agreement": agreement,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    figures.write(out / FIGURES_DIR, synthetic, fun)  # the run's story: real rows are not in it
    card.write(out, dsd, manifest)
    return ExportResult(out, sizes, balance, manifest)


def with_real(
    dsd: DatasetDict, rows: list[Row], feedback: Path | None, real_dirs: list[Path]
) -> tuple[DatasetDict, Any, list[dict[str, Any]]]:
    """The splits with `real` added when there is any real program, and what each source gave.
    Every source is read before anything is written, so a bad folder loses no earlier export."""
    from datasets import Dataset, DatasetDict

    from generator.dataset.real import folder_rows, load_real

    real_rows: list[dict[str, Any]] = []
    real = None
    if feedback is not None:
        real = load_real(feedback, {r.sample.code for r in rows})
        real_rows += real.rows
    synthetic = {r.id: r.sample.code for r in rows}
    folders = []
    for directory in real_dirs:
        more, about = folder_rows(directory, synthetic)
        real_rows += more
        folders.append(about)
    if not real_rows:
        return dsd, real, folders
    added = Dataset.from_list(real_rows, features=features())
    return DatasetDict({**dsd, REAL: added}), real, folders


def _agreement(store: Store) -> dict[str, Any] | None:
    """`declean audit`'s figures for the card; None when the analysers cannot run here."""
    from generator.independent import ToolError
    from generator.independent.audit import audit

    try:
        return audit(store, cache_dir=store.path.parent).model_dump(mode="json")
    except ToolError:
        return None


def label_rates(rows: list[Row]) -> dict[str, float]:
    """Each principle's share of the exported rows (NO_COMPILE rows included)."""
    n = len(rows) or 1
    return {p: sum(p in r.labels for r in rows) / n for p in LABEL_NAMES if p != NO_COMPILE}


def relabelled(rows: list[Row]) -> int:
    """Exported rows whose gold labels differ from what the generator meant to break."""
    return sum(
        1
        for r in rows
        if NO_COMPILE not in r.labels and set(r.labels) != {p.value for p in r.sample.labels}
    )


def prompt_names(counts: Counter[str]) -> list[dict[str, Any]]:
    """Name each prompt hash after the current template with that content, when one matches."""
    from generator.prompts import DEFAULT_DIR, load_template

    known = {}
    for path in sorted(DEFAULT_DIR.rglob("*.md")):  # targeted/ holds the LLM editor's
        if path.name != "README.md":
            tpl = load_template(path.relative_to(DEFAULT_DIR).with_suffix("").as_posix())
            known[tpl.sha] = tpl.name
    return [
        {"hash": h, "template": known.get(h, "(changed since)"), "samples": n}
        for h, n in sorted(counts.items())
    ]


def push(out: Path, repo: str) -> str:
    """Upload an export with datasets' own `push_to_hub`, then our card and figures over it."""
    from datasets import load_from_disk

    try:
        from huggingface_hub import HfApi

        dsd = load_from_disk(str(out / ARROW_DIR))
        dsd.push_to_hub(repo)
        api = HfApi()
        # push_to_hub writes a minimal card; ours carries the funnel and figures, and keeps
        # the same `configs`, so it replaces it.
        api.upload_file(
            path_or_fileobj=str(out / "README.md"),
            path_in_repo="README.md",
            repo_id=repo,
            repo_type="dataset",
        )
        api.upload_folder(
            folder_path=str(out / FIGURES_DIR),
            path_in_repo=FIGURES_DIR,
            repo_id=repo,
            repo_type="dataset",
        )
    except Exception as exc:  # network, auth, offline mode: all end the same way for the user
        raise DecleanError(
            f"push to the Hub repo {repo!r} failed ({type(exc).__name__}: {exc}); the local"
            f" export in {out} is complete and intact: retry when online and logged in"
            " (`hf auth login` or HF_TOKEN)"
        ) from None
    return f"https://huggingface.co/datasets/{repo}"
