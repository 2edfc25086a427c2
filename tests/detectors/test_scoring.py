"""The one scoring every detector goes through, against figures worked out by hand."""

from __future__ import annotations

import pytest

from generator.detectors.scoring import Predictions, score

# Five programs. Gold and what a detector said, with its scores for DRY.
GOLD = [("DRY",), ("DRY", "MC"), (), ("NAME",), ()]
SAID: list[tuple[str, ...] | None] = [("DRY",), ("MC",), ("DRY",), None, ()]
DRY_SCORES = [0.9, 0.4, 0.6, 0.1, 0.2]


def test_figures_worked_out_by_hand() -> None:
    scores = [
        {"DRY": s, "SRP": 0.0, "MC": float(i == 1), "NAME": 0.5} for i, s in enumerate(DRY_SCORES)
    ]
    report = score(GOLD, Predictions(SAID, scores), "real", "hand")
    dry = report["per_label"]["DRY"]
    # DRY: gold {0, 1}, said {0, 2}: TP 1, FP 1, FN 1.
    assert dry["precision"] == pytest.approx(1 / 2)
    assert dry["recall"] == pytest.approx(1 / 2)
    assert dry["f1"] == pytest.approx(1 / 2)
    assert dry["jaccard"] == pytest.approx(1 / 3)
    assert dry["support"] == 2
    # Ranked by score: positives 0.9, 0.4 against negatives 0.6, 0.1, 0.2: 5 of 6 pairs.
    assert dry["auc"] == pytest.approx(5 / 6)
    mc = report["per_label"]["MC"]
    assert (mc["f1"], mc["auc"]) == (1.0, 1.0)
    # NAME: the one program with it got no answer, which counts as no label; all scores tie.
    assert report["per_label"]["NAME"]["f1"] == 0.0
    assert report["per_label"]["NAME"]["auc"] == pytest.approx(0.5)
    # SRP: no program has it, nothing flags it: 0, and AUC is undefined.
    assert report["per_label"]["SRP"] == {
        "f1": 0.0, "jaccard": 0.0, "precision": 0.0, "recall": 0.0, "auc": None, "support": 0
    }  # fmt: skip
    # Macro-F1 over the labels the programs carry: DRY 1/2, MC 1, NAME 0.
    assert report["macro_f1"] == pytest.approx(1 / 2)
    assert report["exact_match"] == pytest.approx(2 / 5)  # programs 0 and 4
    assert set(report) == {"split", "detector", "n", "macro_f1", "exact_match", "per_label"}
    assert (report["split"], report["detector"], report["n"]) == ("real", "hand", 5)


def test_a_detector_without_scores_has_no_auc() -> None:
    report = score(GOLD, Predictions(SAID), "test", "prompt")
    assert all(v["auc"] is None for v in report["per_label"].values())
    assert report["per_label"]["DRY"]["f1"] == pytest.approx(1 / 2)
