"""`declean train` and `declean eval` on an export made by the real procedural path, and a
tiny hand-labelled folder as the real programs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.dataset.evaluation import load_split
from generator.detectors.evaluate import evaluate, export_examples
from generator.detectors.trained import MODEL, load
from generator.detectors.training import train
from generator.errors import ConfigError

REAL = Path(__file__).parent / "real"
LABELS = ["DRY", "SRP", "MC", "NAME"]


def declean(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from generator.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("method", ["tfidf", "structure"])
def test_a_trained_detector_round_trips_through_its_folder(
    small_export: Path, tmp_path: Path, method: str
) -> None:
    detector, report = train(small_export, method, tmp_path / method)
    loaded = load(tmp_path / method)
    test, _ = export_examples(small_export, "test")
    codes = [r.code for r in test]
    before, after = detector.predict(codes), loaded.predict(codes)
    assert after.labels == before.labels and after.scores == before.scores
    meta = json.loads((tmp_path / method / "detector.json").read_text())
    assert meta["method"] == method and meta["export"] == str(small_export.resolve())
    assert meta["training_rows"] == len(export_examples(small_export, "train")[0])
    assert len(meta["training_hash"]) == 64 and meta["scores"]["test"] == report
    assert meta["versions"]["scikit-learn"]
    # The synthetic test split is learnable: far above flagging nothing (0), and every
    # label ranked better than chance on average.
    aucs = [v["auc"] for v in report["per_label"].values() if v["auc"] is not None]
    assert report["macro_f1"] > 0.3 and sum(aucs) / len(aucs) > 0.6
    assert report["n"] == len(test)


def test_cli_train_then_eval_on_real_programs_prints_the_json_contract(
    small_export: Path, tmp_path: Path
) -> None:
    out = tmp_path / "det"
    trained = declean("train", str(small_export), "--out", str(out), "--method", "tfidf")
    assert trained.returncode == 0, trained.stderr
    assert "macro-F1" in trained.stdout and f"saved {out}" in trained.stdout
    res = declean("eval", str(small_export), "--detector", str(out), "--real", str(REAL), "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert set(report) == {"split", "detector", "n", "macro_f1", "exact_match", "per_label"}
    assert report["split"] == "real" and report["n"] == 6
    assert report["detector"].startswith("tfidf@")
    assert list(report["per_label"]) == LABELS
    for row in report["per_label"].values():
        assert set(row) == {"f1", "jaccard", "precision", "recall", "auc", "support"}
    assert [report["per_label"][k]["support"] for k in LABELS] == [1, 1, 2, 1]
    assert isinstance(report["per_label"]["MC"]["auc"], float)
    saved = small_export / "eval" / f"real-real-{report['detector'].replace('@', '_')}.json"
    assert json.loads(saved.read_text())["per_label"] == report["per_label"]
    # Without --json, the trained detector's test scores are shown beside the real ones.
    shown = declean("eval", str(small_export), "--detector", str(out), "--real", str(REAL))
    assert shown.returncode == 0, shown.stderr
    test_f1 = json.loads((out / "detector.json").read_text())["scores"]["test"]["macro_f1"]
    assert "beside real: real (6)" in shown.stdout
    side = rf"macro-F1\s*│\s*{test_f1:.3f}\s*│\s*{report['macro_f1']:.3f}"
    assert re.search(side, shown.stdout), shown.stdout


def test_baselines_score_by_hand_on_the_real_folder(small_export: Path) -> None:
    # Gold: 6 programs, DRY 1, SRP 1, MC 2, NAME 1.
    everything = evaluate(small_export, real_dir=REAL, detector="everything").report
    assert everything["per_label"]["MC"]["f1"] == pytest.approx(2 * 2 / (2 * 2 + 4))
    assert everything["per_label"]["DRY"]["precision"] == pytest.approx(1 / 6)
    assert everything["exact_match"] == 0.0 and everything["per_label"]["MC"]["auc"] == 0.5
    nothing = evaluate(small_export, real_dir=REAL, detector="nothing").report
    assert nothing["macro_f1"] == 0.0 and nothing["exact_match"] == pytest.approx(2 / 6)


def test_the_linter_baseline_flags_the_magic_numbers(small_export: Path) -> None:
    result = evaluate(small_export, real_dir=REAL, detector="linter")
    said = {
        json.loads(line)["id"]: json.loads(line)["pred"]
        for line in result.json_path.with_suffix(".predictions.jsonl").read_text().splitlines()
    }
    assert "MC" in said["real/real/r02-seconds.c"]
    assert "MC" not in said["real/real/r06-power.c"]
    assert result.report["per_label"]["MC"]["auc"] is not None


def test_eval_refuses_a_real_folder_holding_an_export_program(
    small_export: Path, tmp_path: Path
) -> None:
    leaked = tmp_path / "leaked"
    shutil.copytree(REAL, leaked)
    rows, _ = load_split(small_export, "train")
    (leaked / "programs" / "r06-power.c").write_text(rows[0]["code"])
    with pytest.raises(ConfigError, match=r"gold.tsv:7: r06-power.c is also the export's row"):
        evaluate(small_export, real_dir=leaked, detector="nothing")


def test_a_folder_that_is_no_detector_is_refused(small_export: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=rf"--detector {tmp_path}: not a trained detector"):
        evaluate(small_export, detector=str(tmp_path))
    res = declean("train", str(small_export), "--method", "bert")
    assert res.returncode == 1 and "--method 'bert': known methods are tfidf, structure" in (
        res.stderr.replace("\n", " ")
    )
    assert not (small_export / "detectors" / "bert" / MODEL).exists()


def test_a_label_never_seen_both_ways_is_answered_as_a_constant_and_named() -> None:
    from generator.detectors.folder import load_folder
    from generator.detectors.trained import Example, fit

    programs = [p for p in load_folder(REAL).programs if "SRP" not in p.labels]
    rows = [Example(p.file, p.code, p.labels) for p in programs]
    detector = fit("tfidf", rows, "tiny")
    assert detector.meta["unlearnt"] == ["SRP"]
    said = detector.predict([p.code for p in programs])
    assert all("SRP" not in labels for labels in said.labels if labels is not None)
    with pytest.raises(ConfigError, match="every label"):
        fit("tfidf", [Example(p.file, p.code, ()) for p in programs], "tiny")
