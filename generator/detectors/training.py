"""`declean train`: fit a detector on an export's train split, score it on the test split,
save it with what it was made from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.detectors.evaluate import export_examples
from generator.detectors.scoring import score
from generator.detectors.trained import TrainedDetector, fit


def train(export_dir: Path, method: str, out: Path) -> tuple[TrainedDetector, dict[str, Any]]:
    train_rows, _ = export_examples(export_dir, "train")
    test_rows, left_out = export_examples(export_dir, "test")
    detector = fit(method, train_rows, f"{export_dir}")
    report = score(
        [r.labels for r in test_rows],
        detector.predict([r.code for r in test_rows]),
        "test",
        detector.name,
    )
    detector.meta |= {
        "export": str(Path(export_dir).resolve()),
        "scores": {"test": report},
        "test_left_out_no_compile": left_out,
    }
    detector.save(out)
    return detector, report
