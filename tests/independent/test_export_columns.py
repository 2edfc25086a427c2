"""The export round trip carries `independent_confirmed` and `independent_metrics`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from datasets import load_from_disk

from generator.independent import judge
from generator.store import Store
from tests.dataset.runs import small_run
from tests.scripted import program

MC_ID = "sum-two/c0+MC"


def _declean(*args: str) -> None:
    code = "from generator.cli import main; main()"
    res = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr


def test_export_round_trip_with_the_independent_columns(tmp_path: Path) -> None:
    run = small_run(tmp_path / "run")
    with Store.open(run, create=False) as store:
        clean, variant = store.get_sample("sum-two/c0"), store.get_sample(MC_ID)
        clean.code, variant.code = program("clean"), program("mc")
        verdict = judge(clean.code, variant.code)
        variant.independent_confirmed = verdict.confirmed
        variant.independent_metrics = verdict.metrics
        store.save_sample(clean)
        store.save_sample(variant)
    _declean("split", str(run), "--seed", "1")
    _declean("export", str(run), "--out", str(tmp_path / "out"))

    dsd = load_from_disk(str(tmp_path / "out" / "arrow"))
    rows = {ex["id"]: ex for split in dsd.values() for ex in split}
    mc = rows[MC_ID]
    assert mc["independent_confirmed"] == ["MC"]
    metrics = json.loads(mc["independent_metrics"])
    assert metrics["clang-tidy"]["magic_numbers"] == {"parent": 0, "variant": 3}
    assert metrics["new"]["magic_numbers"] == ["10", "100"]
    other = rows["sum-two/c1+NAME"]  # never analysed: empty, not made up
    assert other["independent_confirmed"] == [] and other["independent_metrics"] is None
    card = (tmp_path / "out" / "README.md").read_text()
    assert "`independent_confirmed`" in card
    section = card.split("### How far each label is confirmed", 1)[1].split("## Licence")[0]
    # Four MC steps in small_run, each a real edit of its parent that the analysers back as
    # well (sum-two/c0+MC through the programs set above). The ten clean programs flag nothing.
    assert "| MC | 4 | 4/4 (100%) | 4/4 (100%) | not curated | - |" in section
    assert "| `clang-tidy readability-magic-numbers` | MC | 0/10 (0%) |" in section
