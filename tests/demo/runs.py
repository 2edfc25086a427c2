"""The export whose test split holds the demo page's examples, and the run it was made from:
`small_export` (tests/conftest.py), reference solutions de-cleaned by the real procedural
path. Built once a session; every call gives a copy of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.runs import PROCEDURAL, exported, exported_run


def example_run(run_dir: Path) -> Path:
    """A copy of the run, split as its export was."""
    shutil.copytree(exported_run(PROCEDURAL), run_dir)
    return run_dir


def example_export(tmp: Path) -> Path:
    """A copy of the export, at `tmp/export`."""
    return Path(shutil.copytree(exported(PROCEDURAL), tmp / "export"))
