"""`declean split --balance natural`: rows left out until each label's rate is near its
target, clean rows never left out, and the card showing the rates."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.dataset.natural import REAL_RATES, SLACK, natural, parse_rates
from generator.dataset.rows import Row
from generator.errors import ConfigError
from generator.principles import Principle
from generator.records import Kind, Sample


def row(i: int, labels: tuple[str, ...]) -> Row:
    s = Sample(id=f"p/c{i}", problem_id="p", kind=Kind.CLEAN, root_id=f"p/c{i}", code="")
    return Row(s, labels, "uncurated")


def test_natural_leaves_out_the_over_represented_rows_and_no_clean_one() -> None:
    rows = [row(i, ()) for i in range(40)]
    rows += [row(100 + i, ("DRY", "NAME")) for i in range(30)]
    rows += [row(200 + i, ("MC",)) for i in range(30)]
    dropped = set(natural(rows, dict(REAL_RATES), seed=1))
    kept = [r for r in rows if r.id not in dropped]
    assert all(r.labels for r in rows if r.id in dropped)  # only labelled rows go
    for name, rate in REAL_RATES.items():
        assert sum(name in r.labels for r in kept) / len(kept) <= rate * SLACK + 1e-9
    assert natural(rows, dict(REAL_RATES), seed=1) == natural(rows, dict(REAL_RATES), seed=1)


def test_rates_are_read_and_bad_ones_named() -> None:
    assert parse_rates("DRY=0.2, mc=0.05") == REAL_RATES | {"DRY": 0.2, "MC": 0.05}
    with pytest.raises(ConfigError, match="unknown principle 'DYR'"):
        parse_rates("DYR=0.2")
    with pytest.raises(ConfigError, match="SRP must be between 0 and 1"):
        parse_rates("SRP=1.5")
    with pytest.raises(ConfigError, match="is not NAME=RATE"):
        parse_rates("NAME=many")
    assert {p.value for p in Principle} == set(REAL_RATES)


def declean(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from generator.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600
    )


def test_a_natural_split_exports_the_target_mix(small_export: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(json.loads((small_export / "export.json").read_text())["run_dir"], run)
    res = declean("split", str(run), "--balance", "natural", "--rates", "NAME=0.3")
    assert res.returncode == 0, res.stderr
    out = tmp_path / "export"
    res = declean("export", str(run), "--out", str(out))
    assert res.returncode == 0, res.stderr
    mix = json.loads((out / "export.json").read_text())["mix"]
    assert mix["balance"] == "natural" and mix["left_out"] > 0
    assert mix["target_rates"]["NAME"] == 0.3
    for name, rate in mix["rates"].items():
        assert rate <= mix["target_rates"][name] * SLACK + 0.01, name
    card = (out / "README.md").read_text()
    assert "| label | rate in this export | target (natural) |" in card
    assert "| NAME |" in card and "| 30% |" in card
    bad = declean("split", str(run), "--rates", "DRY=0.1")
    assert bad.returncode == 1 and "--rates needs --balance natural" in bad.stderr
