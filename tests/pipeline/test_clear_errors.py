"""Issue 26, item 4: every mistake a user can make ends in one clear line naming the file,
field, option or variable, and exit 1; never a traceback. Subprocesses, as a user runs them,
on given clean solutions de-cleaned procedurally: no model, a few seconds a run."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.pipeline.test_cli import declean, verdicts
from tests.scripted import PROGRAMS
from tests.scripted.runner import PROBLEMS

CLEAN = PROGRAMS / "clean.c"


def given(tmp: Path) -> Path:
    """A --clean-from directory holding the test problem's clean solution."""
    d = tmp / "mine"
    if not d.is_dir():
        d.mkdir()
        shutil.copy(CLEAN, d / "sum-max.c")
    return d


def run_given(
    tmp: Path, run_dir: Path, *extra: str, problems: Path = PROBLEMS, **env: str
) -> subprocess.CompletedProcess[str]:
    """`declean run` on given solutions, procedural edits: no endpoint is ever asked."""
    args = ["--problems", str(problems), "--run-dir", str(run_dir)]
    args += ["--clean-from", str(given(tmp)), "--editor", "procedural", "--base-url"]
    return declean("run", *args, "http://127.0.0.1:9/v1", *extra, **env)


def one_line(out: subprocess.CompletedProcess[str]) -> str:
    """The error line, after checking it is the only one and no traceback came with it."""
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    lines = [x for x in out.stderr.splitlines() if x.startswith("error:")]
    assert len(lines) == 1, out.stderr
    return lines[0]


# Options and environment


def test_list_options_from_the_environment_in_the_readme_comma_form(tmp_path: Path) -> None:
    env = {"DECLEAN_PRINCIPLES": "DRY,MC", "DECLEAN_TAGS": "arrays"}
    out = run_given(tmp_path, tmp_path / "r", "--principles", "MC", **env)
    assert out.returncode == 0, out.stderr
    assert set(verdicts(tmp_path / "r")) == {"sum-max/c0", "sum-max/c0+MC"}


def test_list_options_from_the_environment_as_json(tmp_path: Path) -> None:
    env = {"DECLEAN_PRINCIPLES": '["NAME"]', "DECLEAN_TAGS": '["arrays", "strings"]'}
    out = run_given(tmp_path, tmp_path / "r", **env)
    assert out.returncode == 0, out.stderr
    assert set(verdicts(tmp_path / "r")) == {"sum-max/c0", "sum-max/c0+NAME"}


def test_unknown_variable_is_warned_about_and_a_bad_one_is_named(tmp_path: Path) -> None:
    out = run_given(tmp_path, tmp_path / "r", DECLEAN_SAMPELS="3", DECLEAN_SAMPLES="0")
    assert "DECLEAN_SAMPELS is not a declean setting" in out.stderr
    assert "did you mean DECLEAN_SAMPLES?" in out.stderr
    line = one_line(out)
    assert "DECLEAN_SAMPLES" in line and "(options)" not in line


def test_absurd_count_is_refused_at_once(tmp_path: Path) -> None:
    out = run_given(tmp_path, tmp_path / "r", "--samples", "99999999999999999999")
    assert "'samples' (from --samples)" in one_line(out)
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("statement", "needle"),
    [("x" * 20_000, "'statement': String should have at most"), ("x" * 2_000_000, "MB")],
    ids=["long-statement", "huge-file"],
)
def test_oversized_problem_file_is_refused(tmp_path: Path, statement: str, needle: str) -> None:
    d = tmp_path / "problems"
    d.mkdir()
    data = yaml.safe_load((PROBLEMS / "sum-max.yaml").read_text())
    (d / "sum-max.yaml").write_text(yaml.safe_dump(data | {"statement": statement}))
    line = one_line(run_given(tmp_path, tmp_path / "r", problems=d))
    assert "sum-max.yaml" in line and needle in line


# Files and stores


def test_clean_from_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    mine = given(tmp_path)
    (mine / "sum-max.c").write_bytes(b"/* caf\xe9 */\n" + CLEAN.read_bytes())
    line = one_line(run_given(tmp_path, tmp_path / "r"))
    assert str(mine / "sum-max.c") in line and "not UTF-8" in line and "byte 6" in line


def test_run_dir_naming_a_file(tmp_path: Path) -> None:
    (tmp_path / "r").write_text("notes")
    assert "is a file" in one_line(run_given(tmp_path, tmp_path / "r"))
    assert "cannot create it" in one_line(run_given(tmp_path, tmp_path / "r" / "sub"))


def test_store_damaged_in_the_middle(tmp_path: Path) -> None:
    run_dir = tmp_path / "r"
    assert run_given(tmp_path, run_dir, "--principles", "MC,NAME").returncode == 0
    db = run_dir / "declean.sqlite"
    with sqlite3.connect(db) as conn:  # fold the WAL in, so the damage below is in the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 3 * 4096] = os.urandom(3 * 4096)
    db.write_bytes(bytes(data))
    again = run_given(tmp_path, run_dir, "--principles", "MC,NAME")  # the same inputs
    for out in (declean("status", str(run_dir)), again):
        line = one_line(out)
        assert str(db) in line and "damaged" in line and ".recover" in line


@contextlib.contextmanager
def small_disk(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)])
    if mounted.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_full_disk_says_where_and_how_much(tmp_path: Path) -> None:
    with small_disk(tmp_path / "small", "256k") as disk:
        line = one_line(run_given(tmp_path, disk / "r", "--principles", "MC,NAME"))
    assert str(disk / "r" / "declean.sqlite") in line and "disk is full" in line
    assert "free on the filesystem" in line and "free at least" in line
