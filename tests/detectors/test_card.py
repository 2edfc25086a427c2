"""`declean export --real DIR`: the folder joins the `real` split, and the card shows how a
detector trained on the export does there against the synthetic test split."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from datasets import load_from_disk

from generator.dataset.export import export
from generator.dataset.rows import Source
from generator.detectors.evaluate import evaluate
from generator.errors import ConfigError
from tests.detectors.test_train import REAL

TITLE = "### How a detector trained on this data does on real code"


def run_dir(small_export: Path) -> Path:
    return Path(json.loads((small_export / "export.json").read_text())["run_dir"])


def test_a_real_folder_joins_the_real_split_and_the_card_table(
    small_export: Path, tmp_path: Path
) -> None:
    out = tmp_path / "with-real"
    result = export(run_dir(small_export), out, Source.AUTO, real_dirs=[REAL])
    dsd = load_from_disk(str(out / "arrow"))
    assert result.sizes["real"] == 6 and dsd["real"].num_rows == 6
    names = dsd["real"].features["labels"].feature.names
    row = next(r for r in dsd["real"] if r["id"] == "real/real/r05-report.c")
    assert [names[i] for i in row["labels"]] == ["SRP", "MC"]
    assert row["kind"] == "real" and row["curation"] == "gold"
    manifest = json.loads((out / "export.json").read_text())
    assert manifest["real_folders"][0]["rows"] == 6
    assert manifest["real_folders"][0]["label_rates"]["MC"] == pytest.approx(2 / 6)
    transfer = manifest["transfer"]
    real = transfer["splits"]["real"]["trained"]
    card = (out / "README.md").read_text()
    assert TITLE in card and f"`{REAL.resolve()}`" in card
    table = card[card.index(TITLE) :]
    mc = transfer["splits"]["test"]["trained"]["per_label"]["MC"]["f1"]
    line = next(x for x in table.splitlines() if x.startswith("| MC |"))
    assert line.startswith(f"| MC | 2 | {mc:.2f} | {real['per_label']['MC']['f1']:.2f} |")
    assert "| macro-F1 | 6 |" in table
    # The real rows are scored through the same door as any split.
    report = evaluate(out, "real", detector="everything").report
    assert report["n"] == 6 and report["per_label"]["MC"]["support"] == 2


def test_a_bad_folder_fails_the_export_and_keeps_the_earlier_one(
    small_export: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kept"
    export(run_dir(small_export), out, Source.AUTO)
    before = (out / "README.md").read_text()
    bad = tmp_path / "bad"
    shutil.copytree(REAL, bad)
    gold = bad / "gold.tsv"
    flawed = gold.read_text().replace("r03-average.c\t0\t0\t0\t1", "r03-average.c\t0\t0\t0\tyes")
    gold.write_text(flawed)
    with pytest.raises(ConfigError, match=r"gold.tsv:4: NAME must be 0 or 1, got 'yes'"):
        export(run_dir(small_export), out, Source.AUTO, real_dirs=[bad])
    assert (out / "README.md").read_text() == before
    assert "real" not in load_from_disk(str(out / "arrow"))
