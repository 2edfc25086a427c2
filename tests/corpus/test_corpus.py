"""The problem corpus proves itself: every reference compiles warning-free in the sandbox and
prints exactly the `expected` stored next to its inputs.

`expected` is filled by scripts/fill_expected.py (host gcc, our own trusted code); these tests
re-run everything in the real sandbox, the same way LLM programs are run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.problems import DEFAULT_DIR, Problem, load_problems
from sandbox import ProgramResult, SandboxConfig, get_sandbox
from tests.corpus.examples import example_of

REFERENCES = DEFAULT_DIR / "reference"
CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-O2"]
MIN_PROBLEMS = 40
STARTER_COUNT = 6
STARTER_MAX_LINES = 75
THEMES = {
    "arrays", "strings", "structs", "matrices", "searching", "sorting", "recursion",
    "state-machines", "text-parsing", "simulation", "number-formatting",
}  # fmt: skip
MIN_PER_THEME = 3
MIN_STDIN_CASES, MAX_STDIN_CASES = 2, 4
MIN_NO_INPUT_PROBLEMS = 5
# The format string of a scanf-family call, and a conversion in it with no field width (`%s`,
# `%[`): the unbounded-read stereotype the corpus must never teach.
SCANF_FORMAT = re.compile(r'\b\w*scanf\s*\(\s*(?:[^,"()]+,\s*)?"((?:[^"\\]|\\.)*)"')
UNBOUNDED_CONVERSION = re.compile(r"%(?:s|\[)")
UNSAFE_CALLS = re.compile(r"\b(?:gets|strtok|rand|srand|time|fopen)\s*\(")

PROBLEMS = load_problems()


def reference_of(problem: Problem) -> Path:
    return REFERENCES / f"{problem.id}.c"


def reads_nothing(problem: Problem) -> bool:
    return problem.inputs == [""]


def stdins_of(problem: Problem) -> list[str]:
    """The problem's inputs, then its statement's example input if it has one."""
    example = example_of(problem.statement)
    return [*problem.inputs, *([example[0]] if example else [])]


def test_corpus_is_large_enough_with_ids_matching_files() -> None:
    assert len(PROBLEMS) >= MIN_PROBLEMS
    stems = sorted(p.stem for p in DEFAULT_DIR.glob("*.yaml"))
    assert [p.id for p in PROBLEMS] == stems


def test_every_problem_has_a_reference_and_expected_output() -> None:
    missing = [p.id for p in PROBLEMS if not reference_of(p).is_file()]
    unfilled = [p.id for p in PROBLEMS if p.expected is None]
    orphans = sorted(
        f.stem for f in REFERENCES.glob("*.c") if f.stem not in {p.id for p in PROBLEMS}
    )
    assert (missing, unfilled, orphans) == ([], [], [])


def test_themes_are_all_covered() -> None:
    counts = Counter(t for p in PROBLEMS for t in p.tags)
    thin = {t: counts[t] for t in THEMES if counts[t] < MIN_PER_THEME}
    assert thin == {}
    untagged = [p.id for p in PROBLEMS if not THEMES & set(p.tags)]
    assert untagged == []


def test_stdin_problems_have_edge_cases_and_some_problems_read_nothing() -> None:
    wrong = {
        p.id: len(p.inputs)
        for p in PROBLEMS
        if not reads_nothing(p) and not MIN_STDIN_CASES <= len(p.inputs) <= MAX_STDIN_CASES
    }
    assert wrong == {}
    assert sum(reads_nothing(p) for p in PROBLEMS) >= MIN_NO_INPUT_PROBLEMS
    # Edge cases: most stdin problems include an empty input or a one-line input.
    tiny = [p for p in PROBLEMS if not reads_nothing(p) and min(map(len, p.inputs)) <= 12]
    assert len(tiny) >= len([p for p in PROBLEMS if not reads_nothing(p)]) // 2


def test_starter_selection_is_small_and_quick() -> None:
    starters = [p for p in PROBLEMS if "starter" in p.tags]
    assert len(starters) == STARTER_COUNT
    long_ones = {
        p.id: n
        for p in starters
        if (n := len(reference_of(p).read_text().splitlines())) > STARTER_MAX_LINES
    }
    assert long_ones == {}
    # `make run` uses the `demo` tag: a few starters, so the first run takes about 15 minutes
    demo = {p.id for p in PROBLEMS if "demo" in p.tags}
    assert 2 <= len(demo) <= 3 and demo <= {p.id for p in starters}


def test_statements_name_the_output_format() -> None:
    vague = [p.id for p in PROBLEMS if "print" not in p.statement.lower()]
    assert vague == []


def test_starters_that_read_input_show_a_worked_example() -> None:
    """The default `make run` selection must be as easy as possible for a 1.5B model."""
    bare = [
        p.id
        for p in PROBLEMS
        if "starter" in p.tags and not reads_nothing(p) and example_of(p.statement) is None
    ]
    assert bare == []


def test_example_blocks_are_parsed_and_rewritten() -> None:
    from tests.corpus.examples import with_example_output

    statement = "Do it.\nExample input:\n    3\n    4\nExample output:\n    old\nTail.\n"
    assert example_of(statement) == ("3\n4\n", "old\n")
    rewritten = with_example_output(statement, "7\n12\n")
    assert (
        rewritten == "Do it.\nExample input:\n    3\n    4\nExample output:\n    7\n    12\nTail.\n"
    )
    assert example_of("No example here.\n") is None


def test_references_avoid_unsafe_stereotypes() -> None:
    found = {}
    scanned = 0
    for p in PROBLEMS:
        source = reference_of(p).read_text()
        formats = SCANF_FORMAT.findall(source)
        hits = [f for f in formats if UNBOUNDED_CONVERSION.search(f)]
        hits += UNSAFE_CALLS.findall(source)
        scanned += len(formats)
        if hits:
            found[p.id] = hits
    assert found == {}
    assert scanned > len(PROBLEMS) // 2  # the pattern does see the corpus's scanf calls


def test_problems_check_command_accepts_the_corpus() -> None:
    from typer.testing import CliRunner

    from generator.cli import app

    result = CliRunner().invoke(app, ["problems", "check", str(DEFAULT_DIR)])
    assert result.exit_code == 0, result.output
    assert f"{len(PROBLEMS)} problems" in result.output


@pytest.fixture(scope="module")
def sandbox_results() -> Iterator[dict[str, ProgramResult]]:
    jobs = [(reference_of(p).read_text(), stdins_of(p)) for p in PROBLEMS]
    with get_sandbox(SandboxConfig(cflags=CFLAGS, workers=2)) as sb:
        results = sb.run_batch(jobs)
    yield {p.id: r for p, r in zip(PROBLEMS, results, strict=True)}


@pytest.mark.slow
@pytest.mark.parametrize("problem", PROBLEMS, ids=[p.id for p in PROBLEMS])
def test_reference_compiles_cleanly_and_prints_expected_in_sandbox(
    problem: Problem, sandbox_results: dict[str, ProgramResult]
) -> None:
    result = sandbox_results[problem.id]
    assert result.compiled, result.compile_output
    noisy = [d.message for d in result.diagnostics if d.severity in ("warning", "error")]
    assert noisy == []
    example = example_of(problem.statement)
    wanted = [*(problem.expected or []), *([example[1]] if example else [])]
    assert len(result.runs) == len(wanted) == len(stdins_of(problem))
    for index, (run, expected) in enumerate(zip(result.runs, wanted, strict=True)):
        assert (run.exit_code, run.timed_out, run.stderr) == (0, False, ""), f"input {index}"
        assert run.stdout == expected, f"input {index} of {problem.id} (last = the example)"
