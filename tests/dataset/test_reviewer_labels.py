"""Reviewer labels: every exported row of a real procedural run is labelled with what its
verdicts say of its code, roots included, while `injected` keeps what the edits did."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from datasets import load_from_disk

from generator.dataset.export import export
from generator.dataset.rows import Labels, Source, load_rows
from generator.dataset.split import balanced_split, save_split
from generator.principles.base import verdicts
from generator.store import Store


def test_every_row_is_labelled_by_the_verdicts_of_its_code(
    small_export: Path, tmp_path: Path
) -> None:
    run = tmp_path / "run"
    shutil.copytree(json.loads((small_export / "export.json").read_text())["run_dir"], run)
    with Store.open(run) as store:
        rows = load_rows(store, Source.AUTO, labels=Labels.REVIEWER)
        settings = {"include_no_compile": True, "labels": "reviewer"}
        save_split(store, Source.AUTO, balanced_split(rows, 0.5), settings)
    out = tmp_path / "export"
    export(run, out, Source.AUTO)
    dsd = load_from_disk(str(out / "arrow"))
    names = dsd["train"].features["labels"].feature.names
    hard_negatives = positives = 0
    for split in ("train", "test"):
        for row in dsd[split]:
            labels = [names[i] for i in row["labels"]]
            if labels == ["NO_COMPILE"]:
                continue
            said = {p.value for p, v in verdicts(row["code"]).items() if v.violated}
            assert set(labels) == said, row["id"]
            assert row["injected"] == row["generated_labels"]
            hard_negatives += len(set(row["injected"]) - said)  # an edit a reviewer lets pass
            positives += len(said & set(row["injected"]))
    assert hard_negatives and positives  # both kinds occur in a real run
    manifest = json.loads((out / "export.json").read_text())
    assert manifest["label_meaning"] == "reviewer"
    assert "`reviewer` labels: what a reviewer would say" in (out / "README.md").read_text()
