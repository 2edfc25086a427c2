"""The export round trip carries `independent_confirmed` and `independent_metrics`, as a real
run recorded them (the analysers run on every variant the pipeline accepts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from datasets import load_from_disk

from generator.independent import judge
from generator.independent.cache import code_hash
from generator.independent.tools import measure
from generator.principles import Principle
from generator.records import Kind, Sample, Status
from generator.store import Store
from tests.dataset.runs import labelled, small_run

MC = Principle.MC


def _declean(*args: str) -> None:
    code = "from generator.cli import main; main()"
    res = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})"


def mc_steps(samples: dict[str, Sample]) -> list[Sample]:
    """The accepted variants whose own step made them MC (their parent was not)."""
    return [
        s
        for s in samples.values()
        if s.kind == Kind.VARIANT
        and s.status == Status.ACCEPTED
        and MC in s.labels
        and MC not in samples[s.parent_id or ""].labels
    ]


def test_export_round_trip_with_the_independent_columns(tmp_path: Path) -> None:
    run = small_run(tmp_path / "run")
    with Store.open(run, create=False) as store:
        samples = {s.id: s for s in store.samples()}
        mc_id, root_id = labelled(store, MC)[0], labelled(store)[0]
    _declean("split", str(run), "--seed", "1")
    _declean("export", str(run), "--out", str(tmp_path / "out"))

    dsd = load_from_disk(str(tmp_path / "out" / "arrow"))
    rows = {ex["id"]: ex for split in dsd.values() for ex in split}
    mc, variant = rows[mc_id], samples[mc_id]
    # What the analysers say of the variant against its parent, measured again now.
    said = judge(samples[variant.parent_id or ""].code, variant.code)
    assert MC in said.confirmed
    assert mc["independent_confirmed"] == [p.value for p in said.confirmed]
    metrics = json.loads(mc["independent_metrics"])
    assert metrics == json.loads(json.dumps(said.metrics))
    magic = metrics["clang-tidy"]["magic_numbers"]
    assert magic["variant"] > magic["parent"] and metrics["new"]["magic_numbers"]
    root = rows[root_id]  # a root is never analysed: empty, not made up
    assert root["independent_confirmed"] == [] and root["independent_metrics"] is None
    card = (tmp_path / "out" / "README.md").read_text()
    assert "`independent_confirmed`" in card
    section = card.split("### How far each label is confirmed", 1)[1].split("## Licence")[0]
    # Each MC step of the run, against its parent: backed by the evidence (the pipeline
    # accepts no other) and by the analysers as far as they said so.
    steps = mc_steps(samples)
    agree = sum(MC in s.independent_confirmed for s in steps)
    n = len(steps)
    assert f"| MC | {n} | {share(n, n)} | {share(agree, n)} | not curated | - |" in section
    cleans = [s.code for s in samples.values() if s.kind == Kind.CLEAN and s.status == "accepted"]
    figures = measure(cleans)
    flagged = sum(bool(figures[code_hash(c)].clang_tidy.magic_numbers) for c in cleans)
    magic_row = f"| `clang-tidy readability-magic-numbers` | MC | {share(flagged, len(cleans))} |"
    assert magic_row in section
