"""A real export whose test split holds readable programs of the corpus, for the page."""

from __future__ import annotations

import re
from pathlib import Path

from generator.dataset.export import export
from generator.dataset.rows import Source, load_rows
from generator.dataset.split import balanced_split, save_split
from generator.principles import Principle
from generator.problems import Problem
from generator.records import Kind, Sample
from generator.store import Store
from tests.demo.programs import REFERENCE
from tests.evidenced import confirmed

PROBLEMS = ("vector-ops", "traffic-light", "pascal-triangle", "temperature-table")
DEFINE = re.compile(r"^#define\s+([A-Z_][A-Z0-9_]*)\s+(\d+)\s*\n", re.MULTILINE)


def inline_defines(code: str) -> str:
    """The MC rewrite done by hand: every numeric #define replaced by its value."""
    for name, value in DEFINE.findall(code):
        code = re.sub(rf"\b{name}\b", value, DEFINE.sub("", code, count=1), count=0)
    return code


def example_run(run_dir: Path) -> Path:
    with Store.open(run_dir) as store:
        for pid in PROBLEMS:
            code = (REFERENCE / f"{pid}.c").read_text(encoding="utf-8")
            store.save_problems([Problem(id=pid, title=pid, statement=pid, inputs=[""])])
            clean = Sample(
                id=Sample.clean_id(pid, 0),
                problem_id=pid,
                kind=Kind.CLEAN,
                root_id=Sample.clean_id(pid, 0),
                code=code,
                model="hand-written",
            ).accept()
            mc = inline_defines(code)
            variant = Sample(
                id=clean.child_id(Principle.MC),
                problem_id=pid,
                kind=Kind.VARIANT,
                parent_id=clean.id,
                root_id=clean.id,
                principle=Principle.MC,
                labels=[Principle.MC],
                code=mc,
                model="hand-written",
                evidence=confirmed(code, mc, Principle.MC),
            ).accept()
            store.save_sample(clean)
            store.save_sample(variant)
        rows = load_rows(store, Source.AUTO)
        save_split(store, Source.AUTO, balanced_split(rows, 0.5), {"include_no_compile": True})
    return run_dir


def example_export(tmp: Path) -> Path:
    out = tmp / "export"
    export(example_run(tmp / "run"), out, Source.AUTO)
    return out
