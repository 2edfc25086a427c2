"""`make bench`'s writer (scripts/bench.py) on two fake benchmarks, never the real ones."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench.py"
STAMP = r"at [0-9a-f]{7,}(-dirty)?, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC"

FIGURES = """\
print("pairs 353")
print("median 2.1 ms")
print("### not a section: a benchmark may print this")
"""
FAILS = """\
import sys
print("half done")
print("Traceback (most recent call last):", file=sys.stderr)
print("RuntimeError: the sandbox is gone", file=sys.stderr)
sys.exit(3)
"""
PAGE = """\
# Measurements

Hand-written figures, with their commit.

<!-- bench:begin -->
## Benchmarks (written by `make bench`)

Not run yet.
<!-- bench:end -->

A hand-written footnote.
"""


@pytest.fixture
def benches(tmp_path: Path) -> Path:
    d = tmp_path / "benchmarks"
    d.mkdir()
    (d / "alpha_figures.py").write_text(FIGURES)
    (d / "beta_fails.py").write_text(FAILS)
    return d


def bench(benches: Path, page: Path, *names: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--bench-dir", str(benches), "--page", str(page), *names],
        capture_output=True,
        text=True,
        timeout=120,
    )


def sections(page: Path) -> list[str]:
    generated = page.read_text().split("<!-- bench:begin -->")[1].split("<!-- bench:end -->")[0]
    return re.findall(r"^### (\S+)$", generated, re.M)


def test_every_benchmark_gets_a_section_and_a_failure_fails_the_run(benches, tmp_path):
    page = tmp_path / "measurements.md"
    page.write_text(PAGE)

    done = bench(benches, page)

    assert done.returncode == 1
    assert "beta_fails (exit 3)" in done.stderr
    text = page.read_text()
    assert text.startswith("# Measurements\n\nHand-written figures, with their commit.\n")
    assert text.endswith("<!-- bench:end -->\n\nA hand-written footnote.\n")
    assert "Not run yet." not in text
    assert sections(page) == ["alpha_figures", "beta_fails"]
    alpha, beta = text.split("### beta_fails")
    assert re.search(r"`benchmarks/alpha_figures.py` " + STAMP + r"\.", alpha)
    assert "pairs 353\nmedian 2.1 ms\n" in alpha
    assert re.search(
        r"`benchmarks/beta_fails.py` " + STAMP + r": \*\*failed\*\*, exit code 3", beta
    )
    assert "RuntimeError: the sandbox is gone" in beta
    assert "half done" in beta


def test_naming_benchmarks_runs_only_those_and_keeps_the_other_sections(benches, tmp_path):
    page = tmp_path / "measurements.md"
    page.write_text(PAGE)
    bench(benches, page)
    (benches / "alpha_figures.py").write_text('print("pairs 400")\n')

    done = bench(benches, page, "alpha_figures")

    assert done.returncode == 0, done.stderr
    text = page.read_text()
    assert sections(page) == ["alpha_figures", "beta_fails"]  # each once, in the list's order
    assert "pairs 400" in text and "pairs 353" not in text
    assert "not a section" not in text  # alpha's old output went whole, "### " line and all
    assert "RuntimeError: the sandbox is gone" in text  # beta's section was not touched


def test_a_page_without_markers_gets_them_after_its_own_text(benches, tmp_path):
    page = tmp_path / "measurements.md"
    page.write_text("# Measurements\n\nOnly hand-written text.\n")

    assert bench(benches, page, "alpha_figures").returncode == 0

    text = page.read_text()
    assert text.startswith("# Measurements\n\nOnly hand-written text.\n\n<!-- bench:begin -->")
    assert sections(page) == ["alpha_figures"]


def test_an_unknown_name_is_refused_before_anything_runs(benches, tmp_path):
    page = tmp_path / "measurements.md"
    page.write_text(PAGE)

    done = bench(benches, page, "gamma")

    assert done.returncode == 2
    assert "no benchmark gamma (known: alpha_figures, beta_fails)" in done.stderr
    assert page.read_text() == PAGE
