"""Run clang-tidy, lizard and jscpd over C programs on the host, as analysers of text.

clang-tidy runs once per batch (its start-up is most of its cost); lizard is pure Python
and runs in-process; jscpd runs once per program, because given several files it reports
clones between them, and only clones inside one program say anything about DRY.
Size checks run with every threshold at 0 so that clang-tidy prints each function's raw
figures; the thresholds suited to small programs are applied afterwards (verdicts.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from generator.errors import DecleanError
from generator.independent.cache import FigureCache, code_hash

TIMEOUT_S = 300
LIZARD_MIN_DUPLICATE_TOKENS = 20  # its default (70) misses a pasted loop of a small program
JSCPD_MIN_TOKENS = 20
CHECKS = (
    "readability-magic-numbers",
    "readability-identifier-length",
    "readability-function-size",
    "readability-function-cognitive-complexity",
)
SIZE_OPTIONS = ("LineThreshold", "StatementThreshold", "BranchThreshold", "NestingThreshold")
# Bumped whenever a figure is computed differently, so the cache never mixes the two.
SETTINGS = f"v1 lizard-dup={LIZARD_MIN_DUPLICATE_TOKENS} jscpd-min={JSCPD_MIN_TOKENS}"


class ToolError(DecleanError):
    """An analyser is missing or failed on its own (not because of the program)."""


class ClangTidy(BaseModel):
    magic_numbers: list[str] = Field(default_factory=list)  # each flagged literal, as written
    short_names: list[str] = Field(default_factory=list)  # each flagged declaration's name
    # function -> {"lines", "statements", "branches", "nesting", "cognitive"}
    functions: dict[str, dict[str, int]] = Field(default_factory=dict)
    errors: int = 0  # compiler errors: figures may be partial


class Lizard(BaseModel):
    functions: int = 0
    nloc: int = 0
    tokens: int = 0
    max_nloc: int = 0
    max_ccn: int = 0
    duplicate_blocks: int = 0


class Jscpd(BaseModel):
    clones: int = 0
    duplicated_tokens: int = 0


class Figures(BaseModel):
    clang_tidy: ClangTidy
    lizard: Lizard
    jscpd: Jscpd


def _binary(name: str) -> str:
    # The PyPI wheels put their binaries beside the interpreter, which need not be on PATH.
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise ToolError(
            f"{name} not found beside {sys.executable} or on PATH; "
            "install the project (`make setup`, or pip install -e .) to get it"
        )
    return found


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("clang-tidy", "lizard", "jscpd")}


def cache_version() -> str:
    return SETTINGS + " " + " ".join(f"{k}={v}" for k, v in sorted(versions().items()))


# -- clang-tidy ---------------------------------------------------------------------------
DIAG = re.compile(
    r"^(?P<file>.+?):\d+:\d+: (?P<level>warning|error|note): (?P<msg>.*?)"
    r"(?: \[(?P<check>[\w.,-]+)\])?$"
)
FUNCTION = re.compile(r"function '([^']+)'")
NOTE_FIGURES = {
    "lines": re.compile(r"^(\d+) lines including"),
    "statements": re.compile(r"^(\d+) statements"),
    "branches": re.compile(r"^(\d+) branches"),
    "nesting": re.compile(r"^nesting level (\d+) starts"),
}


def _clang_tidy_config() -> str:
    options = {f"readability-function-size.{o}": 0 for o in SIZE_OPTIONS}
    options["readability-function-cognitive-complexity.Threshold"] = 0
    options["readability-function-cognitive-complexity.DescribeBasicIncrements"] = False
    return json.dumps({"CheckOptions": options})


def _parse_clang_tidy(text: str, by_file: dict[str, ClangTidy]) -> None:
    # A function-size warning is followed by notes with its figures: `current` collects them.
    current: dict[str, int] | None = None
    for line in text.splitlines():
        m = DIAG.match(line)
        if not m or (fig := by_file.get(Path(m["file"]).name)) is None:
            continue
        if m["level"] == "note":
            if current is not None:
                _note_figures(m["msg"], current)
            continue
        current = _warning(m["level"], m["check"] or "", m["msg"], fig)


def _note_figures(msg: str, into: dict[str, int]) -> None:
    for key, pattern in NOTE_FIGURES.items():
        if n := pattern.match(msg):
            into[key] = max(into.get(key, 0), int(n[1]))


def _warning(level: str, check: str, msg: str, fig: ClangTidy) -> dict[str, int] | None:
    """Count one diagnostic; the function entry whose notes follow, if any."""
    if level == "error":
        fig.errors += 1
    elif check == "readability-magic-numbers":
        fig.magic_numbers.append(msg.split(" is a magic number", 1)[0])
    elif check == "readability-identifier-length":
        name = re.search(r"name '([^']+)'", msg)
        fig.short_names.append(name[1] if name else msg)
    elif (fn := FUNCTION.search(msg)) and check.startswith("readability-function"):
        entry = fig.functions.setdefault(fn[1], {})
        if check == "readability-function-size":
            return entry
        if cc := re.search(r"cognitive complexity of (\d+)", msg):
            entry["cognitive"] = int(cc[1])
    return None


def run_clang_tidy(files: dict[str, Path]) -> dict[str, ClangTidy]:
    """files: key -> path; all in one clang-tidy process."""
    if not files:
        return {}
    by_name = {path.name: ClangTidy() for path in files.values()}
    cmd = [
        _binary("clang-tidy"),
        "--quiet",
        "--checks=-*," + ",".join(CHECKS),
        "--config=" + _clang_tidy_config(),
        *(str(p) for p in files.values()),
        "--",
        "-std=c11",
    ]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolError(f"clang-tidy failed to run: {exc}") from None
    # Exit status 1 only says that some file had an error; the figures are in the output.
    if out.returncode not in (0, 1):
        raise ToolError(f"clang-tidy exited {out.returncode}: {out.stderr.strip()[-500:]}")
    _parse_clang_tidy(out.stdout, by_name)
    for fig in by_name.values():
        for entry in fig.functions.values():
            entry.setdefault("cognitive", 0)
            for key in NOTE_FIGURES:
                entry.setdefault(key, 0)
    return {key: by_name[path.name] for key, path in files.items()}


# -- lizard ---------------------------------------------------------------------------------
def run_lizard(code: str) -> Lizard:
    import lizard
    from lizard_ext.lizardduplicate import LizardExtension as Duplicates

    duplicates = Duplicates()
    analyzer = lizard.FileAnalyzer(lizard.get_extensions([duplicates]))
    info = analyzer.analyze_source_code("program.c", code)
    list(duplicates.cross_file_process([info]))
    blocks = list(duplicates.get_duplicates(min_duplicate_tokens=LIZARD_MIN_DUPLICATE_TOKENS))
    functions = info.function_list
    return Lizard(
        functions=len(functions),
        nloc=info.nloc,
        tokens=info.token_count,
        max_nloc=max((f.nloc for f in functions), default=0),
        max_ccn=max((f.cyclomatic_complexity for f in functions), default=0),
        duplicate_blocks=len(blocks),
    )


# -- jscpd ----------------------------------------------------------------------------------
def run_jscpd(path: Path) -> Jscpd:
    report_dir = path.parent / f"{path.stem}.jscpd"
    cmd = [
        _binary("jscpd"),
        "--ignore-identifiers",  # a pasted body differs from its sibling by its arguments
        "--ignore-literals",
        "--min-tokens",
        str(JSCPD_MIN_TOKENS),
        "--min-lines",
        "1",
        "--reporters",
        "json",
        "--silent",
        "--output",
        str(report_dir),
        str(path),
    ]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        report = json.loads((report_dir / "jscpd-report.json").read_text())
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        detail = locals().get("out")
        stderr = detail.stderr.strip()[-300:] if detail is not None else ""
        raise ToolError(f"jscpd failed on {path.name}: {exc} {stderr}".strip()) from None
    clones = report.get("duplicates", [])
    return Jscpd(clones=len(clones), duplicated_tokens=sum(int(c["tokens"]) for c in clones))


# -- batches --------------------------------------------------------------------------------
def measure(codes: Iterable[str], cache_dir: Path | None = None) -> dict[str, Figures]:
    """Figures for each distinct program, keyed by code hash; the cached ones are not rerun."""
    wanted = {code_hash(c): c for c in codes}
    cache = FigureCache(cache_dir, cache_version()) if cache_dir is not None else None
    try:
        known = cache.get_many(list(wanted)) if cache else {}
        out = {h: Figures.model_validate(d) for h, d in known.items()}
        todo = {h: c for h, c in wanted.items() if h not in out}
        fresh = _measure_fresh(todo)
        if cache and fresh:
            cache.put_many({h: f.model_dump(mode="json") for h, f in fresh.items()})
        return out | fresh
    finally:
        if cache:
            cache.close()


def _measure_fresh(todo: dict[str, str]) -> dict[str, Figures]:
    if not todo:
        return {}
    with tempfile.TemporaryDirectory(prefix="declean-independent-") as tmp:
        paths = {}
        for h, code in todo.items():
            paths[h] = Path(tmp) / f"p{h[:16]}.c"
            paths[h].write_text(code, encoding="utf-8")
        tidy = run_clang_tidy(paths)
        return {
            h: Figures(clang_tidy=tidy[h], lizard=run_lizard(code), jscpd=run_jscpd(paths[h]))
            for h, code in todo.items()
        }


def magic_counts(fig: Figures) -> Counter[str]:
    return Counter(fig.clang_tidy.magic_numbers)


def summary(fig: Figures) -> dict[str, Any]:
    """The figures a report shows: one number per signal."""
    functions = fig.clang_tidy.functions.values()
    return {
        "clang-tidy": {
            "magic_numbers": len(fig.clang_tidy.magic_numbers),
            "short_names": len(fig.clang_tidy.short_names),
            "max_statements": max((f["statements"] for f in functions), default=0),
            "max_cognitive": max((f["cognitive"] for f in functions), default=0),
            "errors": fig.clang_tidy.errors,
        },
        "lizard": fig.lizard.model_dump(),
        "jscpd": fig.jscpd.model_dump(),
    }
