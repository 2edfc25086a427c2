"""`declean problems import`: a course laid out like C-Pack-IPAs as problems and roots.

The course stays where its owner keeps it; this reads it and writes, into a folder of the
user's (never the project's tree): one problem per exercise, the course's reference
implementation per exercise, and the accepted submissions of each exercise as roots.

    COURSE/IPAs_description/LabNN.md                  one `## ExMM - Title` section per exercise
    COURSE/tests/labNN/exMM/exMM_K.in|.out             the tests, in the order of K
    COURSE/reference_implementations/labNN/exMM.c      the reference implementation
    COURSE/correct_submissions/<year>/labNN/exMM/*.c   the accepted submissions
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from generator.errors import ConfigError
from generator.problems import SLUG, Problem
from generator.twins import Twins, normalised

TEXTS = "IPAs_description"
TESTS = "tests"
REFERENCES = "reference_implementations"
SUBMISSIONS = "correct_submissions"
LAB = re.compile(r"^lab(\d+)$", re.IGNORECASE)
EXERCISE = re.compile(r"^ex(\d+)$", re.IGNORECASE)
HEADING = re.compile(r"^ex\s*0*(\d+)\s*(?:[-\u2013\u2014:.]\s*(.*))?$", re.IGNORECASE)
TEST = re.compile(r"_(\d+)\.(?:in|out)$")
# Written into --out by an import, so a later import may replace what an earlier one wrote
# and never a folder of the user's that merely happens to be called problems/ or roots/.
MARK = ".declean-course"
REPO = Path(__file__).resolve().parent.parent
# The repository's untracked places (.gitignore): a course may be written there, nowhere else.
UNTRACKED = ("runs", "exports")


@dataclass(frozen=True)
class Section:
    title: str
    text: str


@dataclass
class Exercise:
    """One exercise of the course: `lab` and `ex` are its folder names (lab02, ex01)."""

    lab: str
    ex: str
    tests: Path | None = None
    submissions: list[Path] = field(default_factory=list)

    def problem_id(self, prefix: str) -> str:
        return f"{prefix}-{self.lab.lower()}-{self.ex.lower()}"


@dataclass
class Summary:
    problems: int = 0
    roots: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        reasons = ("not compiling", "duplicate text", "excluded")
        why = ", ".join(f"{self.skipped[r]} {r}" for r in reasons)
        total = sum(self.skipped.values())
        return f"imported {self.problems} problems, {self.roots} roots; skipped {total}: {why}"


def sections(path: Path) -> dict[int, Section]:
    """The `ExMM - Title` sections of a lab text, by exercise number. A section runs to the
    next heading of its level or above (Lab04 puts `### Ex04` under a `# String` part);
    markdown-it reads the headings, so a `#include` in a code block is not taken for one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    heads = [
        (int(tok.tag[1:]), tok.map[0], tok.map[1], inline.content.strip())
        for tok, inline in pairwise(MarkdownIt().parse("\n".join(lines)))
        if tok.type == "heading_open" and tok.map is not None
    ]
    found: dict[int, Section] = {}
    for i, (level, _, body, text) in enumerate(heads):
        match = HEADING.match(text)
        if match is None:
            continue
        end = next((start for lv, start, _, _ in heads[i + 1 :] if lv <= level), len(lines))
        statement = "\n".join(lines[body:end]).strip()
        if not statement:
            raise ConfigError(f"{path}: section '{text}' has no text")
        found[int(match[1])] = Section(title=(match[2] or text).strip(), text=statement + "\n")
    return found


def exercises(course: Path) -> list[Exercise]:
    """Every exercise that has tests or accepted submissions, in lab and exercise order."""
    found: dict[tuple[str, str], Exercise] = {}

    def at(lab: Path, ex: Path) -> Exercise:
        return found.setdefault((lab.name, ex.name), Exercise(lab.name, ex.name))

    for lab, ex in _exercise_dirs(course / TESTS):
        at(lab, ex).tests = ex
    years = sorted(p for p in (course / SUBMISSIONS).glob("*") if p.is_dir())
    for year in years:
        for lab, ex in _exercise_dirs(year):
            at(lab, ex).submissions.extend(sorted(ex.glob("*.c")))
    if not found:
        raise ConfigError(
            f"{course}: no {TESTS}/labNN/exMM or {SUBMISSIONS}/<year>/labNN/exMM folders:"
            " not a course laid out like C-Pack-IPAs"
        )
    return [found[k] for k in sorted(found, key=lambda k: (_number(k[0]), _number(k[1])))]


def _number(name: str) -> int:
    return int(re.sub(r"\D", "", name))


def _exercise_dirs(root: Path) -> Iterable[tuple[Path, Path]]:
    labs = sorted(p for p in root.glob("*") if p.is_dir() and LAB.match(p.name))
    for lab in labs:
        for ex in sorted(p for p in lab.glob("*") if p.is_dir() and EXERCISE.match(p.name)):
            yield lab, ex


def tests(ex_dir: Path) -> tuple[list[str], list[str]]:
    """The inputs and expected outputs, in the order of K (exMM_10 after exMM_9)."""
    ins = sorted(ex_dir.glob("*.in"), key=_test_number)
    for out in ex_dir.glob("*.out"):
        if not out.with_suffix(".in").is_file():
            raise ConfigError(f"{out}: a test output without its input {out.stem}.in")
    for i in ins:
        if not i.with_suffix(".out").is_file():
            raise ConfigError(f"{i}: a test input without its output {i.stem}.out")
    if not ins:
        raise ConfigError(f"{ex_dir}: no test (exMM_K.in with exMM_K.out)")
    return [_read(i) for i in ins], [_read(i.with_suffix(".out")) for i in ins]


def _test_number(path: Path) -> tuple[int, str]:
    match = TEST.search(path.name)
    return (int(match[1]) if match else -1, path.name)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def lab_texts(course: Path, labs: Iterable[str]) -> dict[str, dict[int, Section]]:
    """The sections of every lab's text, by lab folder name; a lab without one is an error."""
    texts = {p.stem.lower(): p for p in (course / TEXTS).glob("*.md")}
    found = {}
    for lab in sorted(set(labs)):
        path = texts.get(lab.lower())
        if path is None:
            want = course / TEXTS / f"{lab[:1].upper()}{lab[1:]}.md"
            raise ConfigError(f"{want}: no such file, the text of {lab}'s exercises")
        found[lab] = sections(path)
    return found


def problem(exercise: Exercise, text: Section, prefix: str) -> Problem:
    if exercise.tests is None:
        where = exercise.submissions[0].parent
        raise ConfigError(f"{where}: submissions but no {TESTS}/{exercise.lab}/{exercise.ex}")
    inputs, expected = tests(exercise.tests)
    return Problem(
        id=exercise.problem_id(prefix),
        title=text.title,
        statement=text.text,
        tags=[prefix, exercise.lab.lower()],
        inputs=inputs,
        expected=expected,
    )


def text_of(course: Path, exercise: Exercise, texts: dict[str, dict[int, Section]]) -> Section:
    section = texts[exercise.lab].get(_number(exercise.ex))
    if section is None:
        where = exercise.tests or exercise.submissions[0].parent
        md = course / TEXTS / f"{exercise.lab[:1].upper()}{exercise.lab[1:]}.md"
        raise ConfigError(f"{where}: exercise {exercise.ex} has no '## Ex' section in {md}")
    return section


def excluded(folders: Iterable[Path]) -> Twins:
    """The programs of labelled evaluation sets: neither they nor a near twin is a root."""
    codes: list[str] = []
    for folder in folders:
        programs = sorted((folder / "programs").glob("*.c"))
        if not programs:
            raise ConfigError(f"--exclude {folder}: no programs/*.c (a labelled folder)")
        codes += [_read(p) for p in programs]
    return Twins.of((str(i), code) for i, code in enumerate(codes))


@dataclass(frozen=True)
class Candidate:
    problem_id: str
    name: str  # <year>-<file>.c: two years may hold the same file name
    code: str


def candidates(
    exercise: Exercise, problem_id: str, banned: Twins, summary: Summary
) -> list[Candidate]:
    """An exercise's submissions minus the excluded ones and repeats of one already kept."""
    kept, seen = [], set()
    for path in exercise.submissions:
        code = _read(path)
        text = normalised(code)
        if code in banned:
            summary.skipped["excluded"] += 1
        elif text in seen:
            summary.skipped["duplicate text"] += 1
        else:
            seen.add(text)
            year = path.parent.parent.parent.name
            kept.append(Candidate(problem_id, f"{year}-{path.name}", code))
    return kept


def compiling(found: list[Candidate], backend: str, summary: Summary) -> list[Candidate]:
    """The candidates that build as `declean run` builds a root: the same sandbox, flags and
    undefined-behaviour warnings (build.failure on no input), so no root is lost later to a
    compile error the import could have told."""
    from generator.stages.build import failure
    from sandbox import SandboxConfig, get_sandbox

    with get_sandbox(SandboxConfig(backend=backend)) as sandbox:  # type: ignore[arg-type]
        results = sandbox.run_batch([(c.code, []) for c in found])
    ok = [c for c, r in zip(found, results, strict=True) if failure(r, []) is None]
    summary.skipped["not compiling"] += len(found) - len(ok)
    return ok


class _Dumper(yaml.SafeDumper):
    """Writes a text of several lines as a `|` block, as the project's own problems are, so
    a statement reads as its course wrote it (PyYAML falls back where a block cannot hold it)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def check_out(out: Path) -> None:
    """A course goes to a folder of the user's: never the project's tracked tree, and never
    over a folder an import did not write."""
    where = out.resolve()
    inside = where == REPO or REPO in where.parents
    if inside and not any((REPO / u) in [where, *where.parents] for u in UNTRACKED):
        raise ConfigError(
            f"--out {out}: inside the project's tracked tree; a course's files never go into"
            " the project (write under runs/ or outside it)"
        )
    if where.exists() and not where.is_dir():
        raise ConfigError(f"--out {out}: is a file")
    if where.is_dir() and any(where.iterdir()) and not (where / MARK).is_file():
        raise ConfigError(f"--out {out}: a non-empty folder no import wrote; choose another")


def write(
    out: Path, course: Path, problems: list[tuple[Exercise, Problem]], roots: list[Candidate]
) -> None:
    for sub in ("problems", "reference", "roots"):
        shutil.rmtree(out / sub, ignore_errors=True)  # an earlier import's, replaced whole
        (out / sub).mkdir(parents=True)
    (out / MARK).write_text(f"imported from {course.resolve()}\n")
    for exercise, p in problems:
        data = p.model_dump(exclude_none=True)
        text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        (out / "problems" / f"{p.id}.yaml").write_text(text, encoding="utf-8")
        ref = course / REFERENCES / exercise.lab / f"{exercise.ex}.c"
        if ref.is_file():
            shutil.copyfile(ref, out / "reference" / f"{p.id}.c")
    for c in roots:
        folder = out / "roots" / c.problem_id
        folder.mkdir(exist_ok=True)
        (folder / c.name).write_text(c.code, encoding="utf-8")


def import_course(
    course: Path,
    out: Path,
    prefix: str = "ipas",
    exclude: Iterable[Path] = (),
    backend: str = "auto",
) -> Summary:
    """Read the whole course and check it before anything is compiled or written."""
    if not SLUG.match(prefix):
        raise ConfigError(f"--prefix {prefix!r}: must be a slug (lowercase letters, digits, -)")
    if backend not in ("auto", "firejail", "docker"):
        raise ConfigError(f"--backend {backend!r}: one of auto, firejail, docker")
    if not course.is_dir():
        raise ConfigError(f"{course}: no such course folder")
    check_out(out)
    banned = excluded(exclude)
    found = exercises(course)
    texts = lab_texts(course, (e.lab for e in found))
    summary = Summary()
    problems, pending = [], []
    for e in found:
        p = problem(e, text_of(course, e, texts), prefix)
        problems.append((e, p))
        pending.extend(candidates(e, p.id, banned, summary))
    roots = compiling(pending, backend, summary) if pending else []
    write(out, course, problems, roots)
    summary.problems, summary.roots = len(problems), len(roots)
    return summary
