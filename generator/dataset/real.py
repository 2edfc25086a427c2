"""The `real` split: people's own programs, never mixed into train/test. Two sources:

- the demo's feedback (`--feedback DIR`), as curators kept and labelled it; a program whose
  text is also in the synthetic data (a student who checked one of the page's examples) is
  left out, so the split measures the detector on people's own code only;
- a labelled folder of real programs (`--real DIR`: `programs/*.c` and `gold.tsv`); one of
  its programs that is also a train or test row is an error, not a silent drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.dataset.layout import REAL
from generator.dataset.rows import NO_COMPILE, ordered
from generator.demo.store import DemoStore
from generator.detectors.folder import LABELS
from generator.errors import ConfigError

SPACE = re.compile(r"\s+")


def blank_row() -> dict[str, Any]:
    """Every column of the export, empty: a column added to the synthetic splits (editor,
    transform, analyser figures...) is then never missing from the `real` split."""
    from datasets import Sequence

    from generator.dataset.layout import features

    return {
        name: [] if isinstance(kind, Sequence | list) else None for name, kind in features().items()
    }


def _norm(code: str) -> str:
    return SPACE.sub("", code)


@dataclass
class RealSplit:
    directory: Path
    rows: list[dict[str, Any]]
    kept: int = 0
    dropped_synthetic: int = 0
    dropped_repeat: int = 0
    decisions: dict[str, int] = field(default_factory=dict)

    def manifest(self) -> dict[str, Any]:
        return {
            "feedback_dir": str(self.directory.resolve()),
            "rows": len(self.rows),
            "kept_by_curators": self.kept,
            "left_out_as_synthetic": self.dropped_synthetic,
            "left_out_as_repeat": self.dropped_repeat,
            "decisions": self.decisions,
        }


def load_real(directory: Path, synthetic_codes: set[str]) -> RealSplit:
    """One row per distinct program that curators kept, with their labels (newest wins)."""
    with DemoStore.open_existing(directory) as store:
        decisions = store.feedback_decisions()
        if decisions is None:
            raise ConfigError(
                f"--feedback {directory}: no curation pulled yet; run"
                f" `declean push --feedback {directory}`, curate, then"
                f" `declean pull --feedback {directory}`"
            )
        curation = {fid: (d.decision, d.labels, d.notes) for fid, d in decisions.items()}
        feedback = store.feedback()
    out = RealSplit(Path(directory), [])
    for decision, _, _ in curation.values():
        out.decisions[decision] = out.decisions.get(decision, 0) + 1
    synthetic = {_norm(c) for c in synthetic_codes}
    by_code: dict[str, dict[str, Any]] = {}
    for fb in feedback:  # oldest first, so a later judgement of the same program replaces it
        decision, labels, notes = curation.get(fb.id, ("pending", [], []))
        if decision != "keep":
            continue
        out.kept += 1
        key = _norm(fb.code)
        if key in synthetic:
            out.dropped_synthetic += 1
            continue
        if key in by_code:
            out.dropped_repeat += 1
        compiles = bool(fb.detector_answer.get("compiles", True))
        gold = ordered(labels)
        if not compiles:
            gold = (NO_COMPILE,)  # the sandbox's compiler decided that, not a person
        errors = [
            f"line {d.get('line')}: {d.get('message')}"
            for d in fb.detector_answer.get("diagnostics") or []
            if d.get("severity") == "error"
        ]
        by_code[key] = blank_row() | {
            "id": f"real/feedback-{fb.id}",
            "problem_id": REAL,
            "problem": "",
            "code": fb.code,
            "labels": list(gold),
            "clean_code": "",
            "parent_id": None,
            "root_id": f"real/feedback-{fb.id}",
            "kind": REAL,
            "principle": None,
            "generated_labels": list(fb.user_labels),
            "compiles": compiles,
            "compile_error": "\n".join(errors[:3]),
            "evidence_verdict": None,
            "evidence_confirmed": None,
            "evidence_collateral": [],
            "evidence_reasons": [],
            "evidence_metrics": None,
            "model": fb.model,
            "seed": None,
            "temperature": None,
            "prompt_hash": None,
            "prompt_hashes": [],
            "attempts": 0,
            "repairs": [],
            "curation": decision,
            "curation_notes": [str(n) for n in notes],
        }
    out.rows = sorted(by_code.values(), key=lambda r: r["id"])
    if not out.rows:
        raise ConfigError(
            f"--feedback {directory}: no curated program to export (decisions:"
            f" {out.decisions or 'none'}; {out.dropped_synthetic} kept ones were dataset"
            " examples); keep some in Argilla and `declean pull --feedback` again"
        )
    return out


def folder_rows(directory: Path, synthetic: dict[str, str]) -> tuple[list[dict[str, Any]], dict]:
    """The rows of a labelled folder of real programs (`--real DIR`), and what the card says
    of it. `synthetic`: id -> code of every train/test row, none of which a real program
    may be, nor be a near twin of."""
    from generator.detectors.folder import GOLD, check_disjoint, load_folder

    folder = load_folder(directory)
    check_disjoint(folder, synthetic)
    rows = [
        blank_row()
        | {
            "id": folder.row_id(p),
            "problem_id": REAL,
            "problem": "",
            "code": p.code,
            "labels": list(p.labels),
            "clean_code": "",
            "root_id": folder.row_id(p),
            "kind": REAL,
            "compiles": True,
            "evidence_collateral": [],
            "curation": "gold",
        }
        for p in folder.programs
    ]
    rates = {
        name: sum(name in p.labels for p in folder.programs) / len(folder.programs)
        for name in LABELS
    }
    about = {"directory": str(folder.directory.resolve()), "gold": GOLD, "rows": len(rows)}
    return rows, about | {"label_rates": rates}
