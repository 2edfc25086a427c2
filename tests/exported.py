"""A small export made the real way: the reference solutions of a few problems, de-cleaned by
the procedural editor in the real sandbox through `declean run`'s own code, against the fake
OpenAI server (which must not be asked anything), then split and exported."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from rich.console import Console

from generator.config import load_config
from generator.dataset.export import export
from generator.dataset.rows import Source, load_rows
from generator.dataset.split import balanced_split, save_split
from generator.run import execute
from tests.fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parents[1]
PROBLEMS = (
    "binary-search",
    "bubble-sort-trace",
    "caesar-cipher",
    "grade-stats",
    "matrix-multiply",
    "temperature-table",
    "vector-ops",
    "word-frequency",
)


def procedural_run(tmp: Path) -> Path:
    problems = tmp / "problems"
    problems.mkdir()
    for pid in PROBLEMS:
        shutil.copy(ROOT / "problems" / f"{pid}.yaml", problems)
    run_dir = tmp / "run"
    with FakeOpenAI() as fake:
        config = load_config(
            problems=problems,
            run_dir=run_dir,
            base_url=fake.base_url,
            model="fake",
            clean_from=ROOT / "problems" / "reference",
            editor="procedural",
        )
        execute(config, Console(file=io.StringIO(), width=120)).close()
        assert fake.requests == []  # the procedural path asks no model
    return run_dir


def procedural_export(tmp: Path) -> Path:
    from generator.store import Store

    run_dir = procedural_run(tmp)
    with Store.open(run_dir) as store:
        rows = load_rows(store, Source.AUTO)
        save_split(store, Source.AUTO, balanced_split(rows, 0.5), {"include_no_compile": True})
    out = tmp / "export"
    export(run_dir, out, Source.AUTO)
    return out
