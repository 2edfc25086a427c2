"""Run stores made the real way, for the tests that read them: `generator.run.execute` (what
`declean run` does) over a few problems of the project (`problems/*.yaml`), from their
hand-written reference solutions (`problems/reference`), against the fake OpenAI server, in
the real sandbox. No field of a stored sample is written here: every row is the pipeline's.

A run is described by a `Spec`. Each distinct spec is built once per session under pytest's
tmp directory (the sandbox makes it take seconds); a test gets a copy of its own (`copy`),
so it may change the store. Rows a procedural run rarely makes come from its inputs: a root
that does not compile (rejected by the clean stage, a `NO_COMPILE` row), two roots that are
the same program (a duplicate through the clean stage's dedup); a variant that does not
compile comes from a run of the LLM editor whose scripted model leaves a slip in its edit
and cannot fix it (see `careless_model` and `graft`).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any, Literal

import pytest
from rich.console import Console

from generator.c.extract import extract_code
from generator.c.program import Program
from generator.config import load_config
from generator.principles import Principle
from generator.principles.base import NotApplicable, rule
from generator.run import execute
from generator.stages.declean import sighted
from generator.store import Store
from tests.fake_openai import FakeOpenAI, FakeReply, Handler
from tests.scripted import fenced, purpose

ROOT = Path(__file__).resolve().parents[1]
PROBLEMS = ROOT / "problems"
REFERENCE = PROBLEMS / "reference"
DB_NAME = "declean.sqlite"

RootKind = Literal["reference", "copy", "broken"]


def misspelled(code: str) -> str:
    """`code` with its last `return 0;` returning a variable nobody declared, the slip of a
    student who renamed a variable in one place only: gcc says "'status' undeclared"."""
    head, found, tail = code.rpartition("return 0;")
    if not found:
        raise AssertionError("the program has no `return 0;` to misspell")
    return f"{head}return status;{tail}"


@dataclass(frozen=True)
class Root:
    """A clean solution given to the run (`--clean-from`): a problem's reference as it is, a
    second copy of it (a course's repeated submission: the clean stage rejects it as a
    duplicate), or the reference with a slip that stops it compiling (rejected as
    `compile_failed`, and a `NO_COMPILE` row of the dataset)."""

    problem: str
    kind: RootKind = "reference"

    def code(self) -> str:
        text = (REFERENCE / f"{self.problem}.c").read_text(encoding="utf-8")
        return misspelled(text) if self.kind == "broken" else text


@dataclass(frozen=True)
class Spec:
    """One real run: its roots (their problems, in order), what it breaks and how, and the
    runs of other settings whose rows its store also holds (`graft`)."""

    name: str
    roots: tuple[Root, ...]
    principles: str = "DRY,SRP,MC,NAME"
    combinations: Literal["all", "chain"] = "all"
    order: Literal["fixed", "random"] = "fixed"
    editor: Literal["procedural", "llm"] = "procedural"
    model: Handler | None = None  # what the fake server answers; None: it must not be asked
    settings: tuple[tuple[str, Any], ...] = ()  # any other RunConfig option
    grafted: tuple[Spec, ...] = ()

    @property
    def problems(self) -> list[str]:
        return list(dict.fromkeys(r.problem for r in self.roots))


def write_problems(problems: list[str], where: Path) -> None:
    """The problems folder: the project's own files of `problems`."""
    where.mkdir(parents=True, exist_ok=True)
    for pid in problems:
        shutil.copy(PROBLEMS / f"{pid}.yaml", where)


def write_roots(roots: tuple[Root, ...], where: Path) -> None:
    """The `--clean-from` folder: `<id>.c` for a problem's only root, else `<id>/<k>-<kind>.c`,
    which the clean stage reads in this order as c0, c1, ..."""
    by_problem: dict[str, list[Root]] = {}
    for r in roots:
        by_problem.setdefault(r.problem, []).append(r)
    where.mkdir(parents=True, exist_ok=True)
    for pid, given in by_problem.items():
        if len(given) == 1:
            (where / f"{pid}.c").write_text(given[0].code(), encoding="utf-8")
            continue
        (where / pid).mkdir(exist_ok=True)
        for k, r in enumerate(given):
            (where / pid / f"{k}-{r.kind}.c").write_text(r.code(), encoding="utf-8")


def run(options: dict[str, Any], model: Handler | None) -> None:
    """`declean run` with `options`, against a fake OpenAI server that answers as `model`
    does, or must not be asked anything at all."""
    with FakeOpenAI(model) as fake:
        config = load_config(base_url=fake.base_url, model="fake", **options)
        execute(config, Console(file=io.StringIO(), width=120)).close()
        if model is None:
            assert fake.requests == [], "a run without a model asked one"


def build(spec: Spec, where: Path) -> Path:
    """Run `spec` in `where/run`, from inputs written beside it; the run directory."""
    problems, clean, run_dir = where / "problems", where / "clean", where / "run"
    write_problems(spec.problems, problems)
    write_roots(spec.roots, clean)
    options = {
        "problems": problems,
        "run_dir": run_dir,
        "clean_from": clean,
        "editor": spec.editor,
        "principles": spec.principles,
        "combinations": spec.combinations,
        "order": spec.order,
        **dict(spec.settings),
    }
    run(options, spec.model)
    for part in spec.grafted:
        graft(run_dir, build(part, where / part.name))
    return run_dir


def extend(run_dir: Path, roots: tuple[Root, ...]) -> None:
    """Run `run_dir` again with its own settings and more problems, as `declean run` resumes
    a run given more problems: the new problems' samples are made, the old ones kept."""
    with Store.open(run_dir, create=False) as store:
        config = store.get_meta("config")
        problems = set(store.get_meta("fingerprint")["problems"])  # not a grafted run's
    where = Path(tempfile.mkdtemp(dir=run_dir.parent, prefix="more-"))
    # The roots join the run's own `--clean-from` folder: its path is one of the settings a
    # resume must keep. The problems folder may move (`problems` is not fingerprinted).
    write_problems(sorted(problems) + [r.problem for r in roots], where / "problems")
    write_roots(roots, Path(config["clean_from"]))
    options = {k: v for k, v in config.items() if k not in ("base_url", "model")}
    run({**options, "problems": where / "problems", "run_dir": run_dir}, None)


# The one step no run makes. A run's settings are fingerprinted (generator/fingerprint.py):
# a run of the procedural editor resumed with `editor = "llm"` is refused, or with
# `--restart-changed` made again from nothing, and `editor = "mixed"` gives a variant the
# LLM could not make to the procedural editor. So a variant that does not compile, which
# only the LLM editor leaves, cannot sit in one store beside procedural variants unless the
# rows of an LLM run are copied in: here, every row of its tables as that run wrote it.
GRAFTED = {
    "problems": "id, data",
    "samples": "id, problem_id, kind, parent_id, root_id, principle, labels, status, reason,"
    " data, updated_at, tries",
    "attempts": "sample_id, n, step, code, outcome, detail, data, created_at",
    "sessions": "started_at, ended_at, pid, outcome, detail, settings, restarted",
    "llm_cache": "key, request, response, created_at",
    "llm_calls": "key, sample_id, purpose, model, cached, prompt_tokens, completion_tokens,"
    " latency_ms, retries, error, created_at",
}


def graft(run_dir: Path, other: Path) -> None:
    """Copy the rows of the run in `other` into the run in `run_dir`; no problem is in both."""
    with Store.open(run_dir, create=False) as mine, Store.open(other, create=False) as theirs:
        shared = set(mine.problems()) & set(theirs.problems())
    assert not shared, f"both runs have {shared}"
    with closing(sqlite3.connect(run_dir / DB_NAME)) as db, db:
        db.execute("ATTACH DATABASE ? AS other", (str(other / DB_NAME),))
        for table, columns in GRAFTED.items():
            db.execute(f"INSERT INTO {table}({columns}) SELECT {columns} FROM other.{table}")


def careless_model(body: dict[str, Any]) -> str | FakeReply:
    """A model that makes the MC edit it is asked for (the first one the MC verdict calls a
    violation) but leaves a slip in it, and asked to fix it, answers the same program, as a
    small model often does: the fix loop gives up and the variant is `compile_failed`."""
    asked = purpose(body)
    code = extract_code(body["messages"][-1]["content"])
    if code is None or asked not in ("MC", "fix"):
        return FakeReply(status=400, raw_body='{"error": {"message": "unscripted"}}')
    return fenced(misspelled(mc_edit(code)) if asked == "MC" else code)


def mc_edit(code: str) -> str:
    """The first seeded procedural MC edit of `code` the MC verdict calls a violation: what a
    model asked to inline the named constants answers."""
    parent = Program(code)
    sight = sighted(Principle.MC, parent)
    for seed in range(8):
        edit = rule(Principle.MC).procedural(parent, Random(seed))
        if not isinstance(edit, NotApplicable) and sight(edit.program) == "violation":
            return edit.code
    raise AssertionError("no MC edit of this program is a violation")


# Eight problems, the whole lattice of the four principles from each reference: the export
# `small_export` (tests/conftest.py) and the demo's examples are made of it.
PROCEDURAL = Spec(
    "procedural",
    roots=tuple(
        Root(pid)
        for pid in (
            "binary-search",
            "bubble-sort-trace",
            "caesar-cipher",
            "grade-stats",
            "matrix-multiply",
            "temperature-table",
            "vector-ops",
            "word-frequency",
        )
    ),
)


def export_run(run_dir: Path, out: Path) -> Path:
    """Split `run_dir` half and half, `NO_COMPILE` rows in, and export it to `out`."""
    from generator.dataset.export import export
    from generator.dataset.rows import Source, load_rows
    from generator.dataset.split import balanced_split, save_split

    with Store.open(run_dir, create=False) as store:
        rows = load_rows(store, Source.AUTO)
        save_split(store, Source.AUTO, balanced_split(rows, 0.5), {"include_no_compile": True})
    export(run_dir, out, Source.AUTO)
    return out


# -- one build per session ----------------------------------------------------------------


class Builds:
    """Each spec built once, and exported once, in directories of their own."""

    def __init__(self, mktemp: Callable[[str], Path]) -> None:
        self.mktemp = mktemp
        self.runs: dict[Spec, Path] = {}
        self.exports: dict[Spec, Path] = {}

    def built(self, spec: Spec) -> Path:
        if spec not in self.runs:
            self.runs[spec] = build(spec, self.mktemp(spec.name))
        return self.runs[spec]

    def exported(self, spec: Spec) -> Path:
        """An export of a copy of the run (the split is saved in it, not in the run the
        other tests copy)."""
        if spec not in self.exports:
            where = self.mktemp(f"{spec.name}-export")
            run_dir = shutil.copytree(self.built(spec), where / "run")
            self.exports[spec] = export_run(run_dir, where / "export")
        return self.exports[spec]


_builds: Builds | None = None


def use(factory: pytest.TempPathFactory) -> None:
    """Build under pytest's tmp directory (tests/conftest.py calls this once a session)."""
    global _builds
    _builds = Builds(lambda name: factory.mktemp(name))


def builds() -> Builds:
    global _builds
    if _builds is None:  # outside pytest: directories of their own
        _builds = Builds(lambda name: Path(tempfile.mkdtemp(prefix=f"{name}-")))
    return _builds


def built(spec: Spec) -> Path:
    """The run directory of `spec`, built on first use; never to be changed."""
    return builds().built(spec)


def exported(spec: Spec) -> Path:
    """The export of `spec`'s run, made on first use; never to be changed."""
    return builds().exported(spec)


def exported_run(spec: Spec) -> Path:
    """The run directory `exported(spec)` was made from: split, and never to be changed."""
    return Path(json.loads((exported(spec) / "export.json").read_text())["run_dir"])


def copy(spec: Spec, run_dir: Path) -> Path:
    """A copy of `spec`'s run of its own at `run_dir` (which may exist, empty)."""
    shutil.copytree(built(spec), run_dir, dirs_exist_ok=True)
    return run_dir
