"""The problem-level split: no leakage, deterministic, and better balanced than chance."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.curation.state import code_sha
from generator.dataset.rows import NO_COMPILE, Source, load_rows
from generator.dataset.split import (
    TEST,
    balance_of,
    balanced_split,
    load_split,
    random_split,
)
from generator.errors import ConfigError, DecleanError
from generator.principles import Principle
from generator.records import Kind, Reason
from generator.store import CurationDecision, Store
from tests.dataset.runs import labelled, skewed_run, small_run

P = Principle


def judged(store: Store, sid: str) -> str:
    """The code hash a pull records: the decision was made on the sample's current code."""
    return code_sha(store.get_sample(sid).code)


def declean(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from generator.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def skewed(tmp_path: Path) -> Path:
    return skewed_run(tmp_path / "skewed")


def rows_of(run_dir: Path, source: Source = Source.AUTO) -> list:
    with Store.open(run_dir, create=False) as store:
        return load_rows(store, source)


def test_rows_auto_take_accepted_and_compile_failures_only(tmp_path: Path) -> None:
    run = small_run(tmp_path / "run")
    rows = rows_of(run)
    with Store.open(run, create=False) as store:
        stored = {s.id: s for s in store.samples()}
    ids = {r.id for r in rows}
    dups = {i for i, s in stored.items() if s.reason is Reason.DUPLICATE}
    assert dups and not dups & ids
    no_compile = [r for r in rows if r.labels == (NO_COMPILE,)]
    failed = {i for i, s in stored.items() if s.reason is Reason.COMPILE_FAILED}
    assert {r.id for r in no_compile} == failed
    # A root that does not compile and a variant that does not: both join.
    assert {stored[i].kind for i in failed} == {Kind.CLEAN, Kind.VARIANT}
    for r in rows:
        if r.labels != (NO_COMPILE,):
            assert set(r.labels) == {p.value for p in stored[r.id].labels}
    assert any(r.labels == () for r in rows), "clean programs are the negatives"
    with Store.open(run, create=False) as store:
        without = {r.id for r in load_rows(store, Source.AUTO, include_no_compile=False)}
    assert without == ids - {r.id for r in no_compile}


def test_every_problem_and_clean_ancestor_in_one_split(skewed: Path) -> None:
    rows = rows_of(skewed)
    assignment = balanced_split(rows, 0.5, seed=1)
    assert set(assignment) == {r.problem_id for r in rows}
    root_split: dict[str, str] = {}
    for r in rows:
        split = assignment[r.problem_id]
        assert root_split.setdefault(r.sample.root_id, split) == split


def test_split_is_deterministic_per_seed(skewed: Path) -> None:
    rows = rows_of(skewed)
    assert balanced_split(rows, 0.5, seed=7) == balanced_split(rows, 0.5, seed=7)
    assert balanced_split(rows, 0.3, seed=7) != balanced_split(rows, 0.7, seed=7)


def test_balance_search_beats_random_splits_on_a_skewed_run(skewed: Path) -> None:
    rows = rows_of(skewed)
    for seed in range(10):
        best = balance_of(rows, balanced_split(rows, 0.5, seed))
        rand = balance_of(rows, random_split(rows, 0.5, seed))
        assert best.max_gap < rand.max_gap, (seed, best.max_gap, rand.max_gap)
        assert abs(best.test_share - 0.5) <= 0.05
    # Not only the worst label: the search must not trade it for a lopsided test size.
    small = balance_of(rows, balanced_split(rows, 0.25, seed=0))
    assert abs(small.test_share - 0.25) <= 0.05


def test_split_refuses_bad_sizes_and_single_problem_runs(skewed: Path) -> None:
    rows = rows_of(skewed)
    with pytest.raises(ConfigError, match="--test-size"):
        balanced_split(rows, 1.0)
    one = [r for r in rows if r.problem_id == rows[0].problem_id]  # a run of one problem
    with pytest.raises(DecleanError, match="at least 2 problems"):
        balanced_split(one, 0.5)


def test_curated_source_uses_kept_rows_with_curated_labels(tmp_path: Path) -> None:
    run = small_run(tmp_path / "run")
    with Store.open(run, create=False) as store:
        with pytest.raises(ConfigError, match="declean pull"):
            load_rows(store, Source.CURATED)
        clean, mc, other_mc = labelled(store)[0], *labelled(store, P.MC)[:2]
        srp, name = labelled(store, P.SRP)[0], labelled(store, P.NAME)[0]
        decisions = {
            clean: ("keep", []),
            mc: ("keep", ["MC", "NAME"]),  # a curator added a label
            srp: ("reject", []),
            other_mc: ("keep", ["MC"]),
            name: ("conflict", ["NAME"]),
        }
        rows = [
            CurationDecision(sample_id=sid, decision=d, labels=labels, code_sha=judged(store, sid))
            for sid, (d, labels) in decisions.items()
        ]
        store.curation.save(rows, time.time())
        rows = {r.id: r for r in load_rows(store, Source.CURATED, include_no_compile=False)}
    assert set(rows) == {clean, mc, other_mc}
    assert rows[mc].labels == ("MC", "NAME")
    assert rows[mc].curation == "keep"
    assert rows[other_mc].labels == ("MC",)


def test_cli_split_prints_balance_and_stores_it(skewed: Path) -> None:
    # The skewed run is built on the edits' labels: split on those.
    res = declean("split", str(skewed), "--test-size", "0.4", "--seed", "3", "--labels", "injected")
    assert res.returncode == 0, res.stderr
    assert "max label-frequency gap" in res.stdout and "NO_COMPILE" in res.stdout
    with Store.open(skewed, create=False) as store:
        assignment, settings = load_split(store, Source.AUTO)
        rows = load_rows(store, Source.AUTO)
    assert settings["seed"] == 3 and settings["test_size"] == 0.4
    assert assignment == balanced_split(rows, 0.4, seed=3)
    assert any(v == TEST for v in assignment.values())


def test_cli_split_errors_are_one_line_with_the_way_out(tmp_path: Path, skewed: Path) -> None:
    res = declean("split", str(tmp_path / "nowhere"))
    assert res.returncode == 1
    assert "not a declean run directory" in res.stderr
    res = declean("split", str(skewed), "--source", "human")
    assert res.returncode == 1 and "--source" in res.stderr
    res = declean("export", str(skewed), "--out", str(tmp_path / "x"), "--source", "curated")
    assert res.returncode == 1 and "declean split" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
