"""`make bench`: run the benchmarks and write what they print into docs/measurements.md.

Each benchmark (`benchmarks/*.py`, in name order) runs in turn; its stdout goes into its own
subsection of the page's generated part, between `<!-- bench:begin -->` and
`<!-- bench:end -->`, headed with its name, the commit it ran at (`-dirty` when the tree had
changes other than the page) and the UTC date. The hand-written part of the page is kept.
A benchmark that fails is written as failed, with its exit code and the end of its stderr;
the others still run, and the script exits 1 at the end.

    .venv/bin/python scripts/bench.py                      # every benchmark
    .venv/bin/python scripts/bench.py evidence_speed yield # only these; the others' sections stay
    .venv/bin/python scripts/bench.py --list
    [--bench-dir DIR] [--page FILE] [--export DIR] [--real DIR]

`fingerprints` and `real_transfer` read an export (`--export`, default exports/dataset);
`real_transfer` also scores on a labelled folder (`--real DIR`). Without them they are not
run, and their previous section, if any, is kept.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"
TITLE = "## Benchmarks (written by `make bench`)"
INTRO = (
    "Each section below is what one `benchmarks/*.py` printed, rewritten by `make bench`\n"
    "(`scripts/bench.py`); edit the page above the markers, not here."
)
STDERR_TAIL = 20  # lines of a failed benchmark's stderr kept on the page


@dataclass
class Outcome:
    name: str
    code: int
    stdout: str
    stderr: str


def benchmarks(bench_dir: Path) -> list[str]:
    return sorted(p.stem for p in bench_dir.glob("*.py") if not p.name.startswith("_"))


def arguments(name: str, export: Path, real: Path | None) -> list[str] | str:
    """The arguments `name` needs, or why it cannot run here."""
    if name not in ("fingerprints", "real_transfer"):
        return []
    if not export.is_dir():
        return f"needs an export: {export} does not exist (make dataset, or --export DIR)"
    if name == "fingerprints":
        return [str(export)]
    if real is None:
        return "needs a labelled folder of real programs (make bench REAL=DIR, or --real DIR)"
    return [str(export), "--real", str(real)]


def _tee(src: IO[str], sink: list[str], out: IO[str]) -> None:
    for line in src:
        sink.append(line)
        out.write(line)
        out.flush()


def run(script: Path, args: list[str]) -> Outcome:
    """Run one benchmark with this interpreter, showing its output as it comes."""
    proc = subprocess.Popen(
        [sys.executable, str(script), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    out: list[str] = []
    err: list[str] = []
    threads = [
        threading.Thread(target=_tee, args=(proc.stdout, out, sys.stdout)),
        threading.Thread(target=_tee, args=(proc.stderr, err, sys.stderr)),
    ]
    for t in threads:
        t.start()
    code = proc.wait()
    for t in threads:
        t.join()
    return Outcome(script.stem, code, "".join(out), "".join(err))


def commit(page: Path) -> str:
    """The short commit, `-dirty` when the tree has changes other than the page itself."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = [
        line
        for line in git("status", "--porcelain").splitlines()
        if (ROOT / line[3:]).resolve() != page.resolve()
    ]
    return f"{head}-dirty" if changed else head


def _fence(text: str) -> str:
    text = text.rstrip("\n") or "(nothing printed)"
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}text\n{text}\n{ticks}"


def section(outcome: Outcome, at: str, date: str) -> str:
    head = f"### {outcome.name}\n\n`benchmarks/{outcome.name}.py` at {at}, {date}"
    if outcome.code == 0:
        return f"{head}.\n\n{_fence(outcome.stdout)}\n"
    tail = "\n".join(outcome.stderr.rstrip("\n").splitlines()[-STDERR_TAIL:])
    body = f"{head}: **failed**, exit code {outcome.code}. The end of its stderr:\n\n"
    body += _fence(tail) + "\n"
    if outcome.stdout.strip():
        body += f"\nWhat it printed before:\n\n{_fence(outcome.stdout)}\n"
    return body


def not_run(name: str, why: str) -> str:
    return f"### {name}\n\nNot run yet: {why}.\n"


def parse(page: str) -> tuple[str, dict[str, str], str]:
    """The page before the markers, the generated sections by name, the page after."""
    if BEGIN not in page or END not in page:
        return page.rstrip("\n") + "\n\n", {}, ""
    before, rest = page.split(BEGIN, 1)
    generated, after = rest.split(END, 1)
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    fence = ""  # the fence we are inside, if any: a benchmark may print "### " itself
    for line in generated.splitlines():
        if fence:
            fence = "" if line == fence else fence
        elif line.startswith("```"):
            fence = line[: len(line) - len(line.lstrip("`"))]
        elif line.startswith("### "):
            current = sections.setdefault(line[4:].strip(), [])
        if current is not None:
            current.append(line)
    return before, {n: "\n".join(lines).strip("\n") + "\n" for n, lines in sections.items()}, after


def render(before: str, sections: dict[str, str], order: list[str], after: str) -> str:
    names = [n for n in order if n in sections] + sorted(set(sections) - set(order))
    parts = [TITLE, INTRO] + [sections[n].rstrip("\n") for n in names]
    return before + BEGIN + "\n" + "\n\n".join(parts) + "\n" + END + after


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    ap.add_argument("--bench-dir", type=Path, default=ROOT / "benchmarks")
    ap.add_argument("--page", type=Path, default=ROOT / "docs" / "measurements.md")
    ap.add_argument("--export", type=Path, default=ROOT / "exports" / "dataset")
    ap.add_argument("--real", type=Path, default=None)
    ap.add_argument("--list", action="store_true", help="print the benchmarks' names and stop")
    opts = ap.parse_args(argv)

    order = benchmarks(opts.bench_dir)
    if opts.list:
        print("\n".join(order))
        return 0
    unknown = [n for n in opts.names if n not in order]
    if unknown:
        print(
            f"error: no benchmark {', '.join(unknown)} (known: {', '.join(order)})", file=sys.stderr
        )
        return 2
    chosen = [n for n in order if not opts.names or n in opts.names]

    at = commit(opts.page)
    failed = []
    for name in chosen:
        args = arguments(name, opts.export, opts.real)
        print(f"== {name}", flush=True)
        if isinstance(args, str):
            print(f"   not run: {args}", file=sys.stderr)
            text = None
            stub = not_run(name, args)
        else:
            outcome = run(opts.bench_dir / f"{name}.py", args)
            if outcome.code != 0:
                failed.append(f"{name} (exit {outcome.code})")
            text = section(outcome, at, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
        # Written after each benchmark, so an interrupted `make bench` keeps what it measured.
        page = opts.page.read_text() if opts.page.exists() else "# Measurements\n"
        before, sections, after = parse(page)
        if text is not None:
            sections[name] = text
        else:
            sections.setdefault(name, stub)  # a section an earlier run wrote stays
        opts.page.write_text(render(before, sections, order, after))

    if failed:
        print(f"failed: {', '.join(failed)}; see {opts.page}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
