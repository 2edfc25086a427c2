"""The ways `declean train` can learn a detector: each a scikit-learn pipeline, code in,
one probability per principle out.

- `tfidf`: character n-grams of the code, TF-IDF weighted, one logistic regression per label.
- `structure`: the program's structure as the evidence reads it (features.py), one gradient
  boosting classifier per label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.errors import ConfigError


def tfidf(settings: dict[str, Any]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(settings["ngram_min"], settings["ngram_max"]),
            min_df=settings["min_df"],
            sublinear_tf=True,
            max_features=settings["max_features"],
        ),
        OneVsRestClassifier(LogisticRegression(C=settings["C"], max_iter=2000)),
    )


def structure(settings: dict[str, Any]) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    from generator.detectors.features import matrix

    return make_pipeline(
        FunctionTransformer(matrix),
        OneVsRestClassifier(
            HistGradientBoostingClassifier(
                max_iter=settings["max_iter"],
                learning_rate=settings["learning_rate"],
                max_depth=settings["max_depth"],
                min_samples_leaf=settings["min_samples_leaf"],
                random_state=settings["seed"],
            )
        ),
    )


METHODS: dict[str, tuple[Callable[[dict[str, Any]], Any], dict[str, Any]]] = {
    "tfidf": (
        tfidf,
        {"ngram_min": 2, "ngram_max": 5, "min_df": 2, "max_features": 200_000, "C": 4.0},
    ),
    "structure": (
        structure,
        {"max_iter": 200, "learning_rate": 0.05, "max_depth": 3, "min_samples_leaf": 5, "seed": 0},
    ),
}
DEFAULT = "structure"


def build(method: str) -> tuple[Any, dict[str, Any]]:
    """A fresh, untrained pipeline for `method`, with the settings it was made with."""
    if method not in METHODS:
        raise ConfigError(f"--method {method!r}: known methods are {', '.join(METHODS)}")
    make, settings = METHODS[method]
    return make(settings), dict(settings)
