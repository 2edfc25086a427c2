"""`declean export --out DIR`: a new or empty directory, or its own earlier export of the same
run, replaced whole; anything else is refused in one line unless `--overwrite`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dataset.runs import small_run


def declean(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from generator.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def refused(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and out.stderr.startswith("error:"), out.stderr
    return out.stderr


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run = small_run(tmp_path_factory.mktemp("target") / "run")
    assert declean("split", str(run), "--seed", "1").returncode == 0
    return run


def test_out_naming_a_file(run: Path, tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("mine")
    for out in (tmp_path / "notes", tmp_path / "notes" / "sub"):
        assert "is a file, not a directory" in refused(
            declean("export", str(run), "--out", str(out))
        )
    assert (tmp_path / "notes").read_text() == "mine"


def test_non_empty_directory_that_is_no_export_is_refused_and_kept(
    run: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("keep me")
    err = refused(declean("export", str(run), "--out", str(mine)))
    assert str(mine) in err and "not an export" in err and "--overwrite" in err
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]


def test_export_of_another_run_is_refused(run: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "export.json").write_text(json.dumps({"run_dir": "/somewhere/else"}))
    err = refused(declean("export", str(run), "--out", str(other)))
    assert "an export of /somewhere/else" in err


def test_out_holding_the_run_is_refused_even_with_overwrite(run: Path) -> None:
    err = refused(declean("export", str(run), "--out", str(run.parent), "--overwrite"))
    assert "holds the run" in err
    assert (run / "declean.sqlite").is_file()


def test_re_export_replaces_its_own_earlier_export_whole_but_keeps_the_eval_cache(
    run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert declean("export", str(run), "--out", str(out)).returncode == 0
    (out / "eval").mkdir()
    (out / "eval" / "test-old-model.md").write_text("stale report")
    (out / "eval" / "declean.sqlite").write_bytes(b"detector answers")
    (out / "stray.txt").write_text("left by hand")
    done = declean("export", str(run), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert not (out / "eval" / "test-old-model.md").exists() and not (out / "stray.txt").exists()
    assert (out / "eval" / "declean.sqlite").read_bytes() == b"detector answers"
    assert (out / "export.json").is_file() and (out / "arrow").is_dir()


def test_overwrite_replaces_any_directory_whole(run: Path, tmp_path: Path) -> None:
    out = tmp_path / "old"
    out.mkdir()
    (out / "eval").mkdir()
    (out / "eval" / "declean.sqlite").write_text("another dataset's answers")
    (out / "export.json").write_text(json.dumps({"run_dir": "/another/run"}))
    done = declean("export", str(run), "--out", str(out), "--overwrite")
    assert done.returncode == 0, done.stderr
    assert not (out / "eval").exists()
    assert json.loads((out / "export.json").read_text())["run_dir"] == str(run.resolve())
    shutil.rmtree(out)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_full_disk_during_an_export_says_where(run: Path, tmp_path: Path) -> None:
    disk = tmp_path / "small"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], check=True)
    try:
        err = refused(declean("export", str(run), "--out", str(disk / "out")))
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
    assert str(disk / "out") in err and "the disk is full" in err and "free on the" in err
