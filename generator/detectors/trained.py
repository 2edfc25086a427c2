"""A detector learnt from an export: trained, scored on the export's test split, saved as a
folder (`model.joblib` beside `detector.json`, its metadata) and loaded back.

The metadata says what the model was made from and how: the export, a hash of the training
rows' code and labels, the method and its settings, the library versions and the test scores.
A model file is a pickle: load only detectors you made or trust.
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.detectors.folder import LABELS
from generator.detectors.scoring import Predictions
from generator.errors import ConfigError

MODEL = "model.joblib"
META = "detector.json"
THRESHOLD = 0.5


@dataclass(frozen=True)
class Example:
    id: str
    code: str
    labels: tuple[str, ...]  # principles only


def rows_hash(rows: list[Example]) -> str:
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: r.id):
        digest.update(f"{row.id}\0{row.code}\0{','.join(row.labels)}\n".encode())
    return digest.hexdigest()


def _targets(rows: list[Example]) -> Any:
    import numpy as np

    return np.array([[int(name in r.labels) for name in LABELS] for r in rows])


def unlearnable(rows: list[Example], where: str) -> list[str]:
    """The labels every training row has the same value for: such a label is predicted as
    that constant (scikit-learn's one-vs-rest does so), and the detector says it could not
    learn it. No row, or no label seen both ways, is an error."""
    if not rows:
        raise ConfigError(f"{where}: the train split holds no scorable row")
    y = _targets(rows)
    flat = [name for j, name in enumerate(LABELS) if y[:, j].min() == y[:, j].max()]
    if len(flat) == len(LABELS):
        raise ConfigError(
            f"{where}: in the train split every row has the same value for every label;"
            " a detector cannot learn a label it never sees both ways; export more problems"
            " (`make dataset` builds the recommended training set)"
        )
    return flat


@dataclass
class TrainedDetector:
    model: Any
    meta: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.meta['method']}@{self.meta['training_hash'][:12]}"

    def probabilities(self, codes: list[str]) -> list[dict[str, float]]:
        if not codes:
            return []
        proba = self.model.predict_proba(codes)
        return [{name: float(row[j]) for j, name in enumerate(LABELS)} for row in proba]

    def predict(self, codes: list[str]) -> Predictions:
        scores = self.probabilities(codes)
        threshold = self.meta.get("threshold", THRESHOLD)
        labels = [tuple(n for n in LABELS if s[n] >= threshold) for s in scores]
        return Predictions(list(labels), scores)

    def save(self, out: Path) -> Path:
        import joblib

        out.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.model, out / MODEL)
        (out / META).write_text(json.dumps(self.meta, indent=2, sort_keys=True) + "\n")
        return out


def versions() -> dict[str, str]:
    import sklearn

    from generator import __version__

    return {"scikit-learn": sklearn.__version__, "declean": __version__}


def fit(method: str, train: list[Example], where: str) -> TrainedDetector:
    from generator.detectors.methods import build

    flat = unlearnable(train, where)
    model, settings = build(method)
    started = time.monotonic()
    with warnings.catch_warnings():
        # "Label not N is present in all training examples": said once, in `unlearnt`.
        warnings.simplefilter("ignore", UserWarning)
        model.fit([r.code for r in train], _targets(train))
    meta = {
        "method": method,
        "settings": settings,
        "labels": list(LABELS),
        "threshold": THRESHOLD,
        "training_rows": len(train),
        "unlearnt": flat,
        "training_hash": rows_hash(train),
        "training_seconds": round(time.monotonic() - started, 2),
        "versions": versions(),
    }
    return TrainedDetector(model, meta)


def load(path: Path) -> TrainedDetector:
    """A saved detector; a folder that is not one is an error naming what is missing."""
    import joblib

    path = Path(path)
    meta_path = path / META
    if not meta_path.is_file() or not (path / MODEL).is_file():
        raise ConfigError(
            f"--detector {path}: not a trained detector (needs {META} and {MODEL}; make one"
            " with `declean train EXPORT_DIR`)"
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{meta_path}: unreadable ({exc})") from None
    if meta.get("labels") != list(LABELS):
        raise ConfigError(f"{meta_path}: labels {meta.get('labels')} are not {list(LABELS)}")
    return TrainedDetector(joblib.load(path / MODEL), meta)
