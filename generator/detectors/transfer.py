"""What the card shows of a `real` split: a detector trained on the export's train split (the
default method), scored on the synthetic test split and on the real programs, beside a
stock linter and "flag everything". The gap between the two columns is the point."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.dataset.layout import REAL
from generator.detectors.evaluate import scorable
from generator.detectors.scoring import score
from generator.errors import ConfigError

if TYPE_CHECKING:
    from datasets import DatasetDict

    from generator.detectors.trained import Example


def _linter(rows: list[Example], split: str) -> dict[str, Any] | None:
    from generator.detectors.baselines import linter
    from generator.independent import ToolError

    try:
        return score([r.labels for r in rows], linter([r.code for r in rows]), split, "linter")
    except ToolError:
        return None  # the analysers cannot run here; the card says so


def transfer(dsd: DatasetDict, method: str | None = None) -> dict[str, Any] | None:
    """None without a real split; `error` when no detector can be learnt from train."""
    from generator.dataset.evaluation import split_rows
    from generator.detectors.baselines import everything
    from generator.detectors.methods import DEFAULT
    from generator.detectors.trained import fit

    if REAL not in dsd:
        return None
    rows = {name: scorable(split_rows(dsd[name])[0])[0] for name in ("train", "test", REAL)}
    if not rows[REAL]:
        return None
    chosen = method or DEFAULT
    try:
        detector = fit(chosen, rows["train"], "the export")
    except ConfigError as exc:
        return {"method": chosen, "error": str(exc)}
    out: dict[str, Any] = {"method": chosen, "detector": detector.name, "splits": {}}
    for split in ("test", REAL):
        gold, codes = [r.labels for r in rows[split]], [r.code for r in rows[split]]
        out["splits"][split] = {
            "trained": score(gold, detector.predict(codes), split, detector.name),
            "linter": _linter(rows[split], split),
            "everything": score(gold, everything(codes), split, "everything"),
        }
    return out
