"""What the independent analysers (clang-tidy, lizard, jscpd) cost per program and per pair.

batch: every program measured in one `measure` call (one clang-tidy process), cache off.
pair: `judge(parent, variant)` as the pipeline's hook calls it, one pair at a time, cold.
cached: the same batch again from the figure cache.
Run under the shared lock: flock /work/heavy.lock .venv/bin/python benchmarks/independent_cost.py
"""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.independent import judge, measure  # noqa: E402
from generator.independent.tools import _measure_fresh, run_clang_tidy, run_jscpd, run_lizard  # noqa: E402


def _programs() -> list[str]:
    paths = sorted((ROOT / "tests").glob("*/fixtures/*/*.c"))
    paths += sorted((ROOT / "tests" / "independent" / "programs").glob("*.c"))
    paths += sorted((ROOT / "problems" / "reference").glob("*.c"))
    return list(dict.fromkeys(p.read_text() for p in paths))


def _per_tool(codes: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for i, code in enumerate(codes):
            paths[str(i)] = Path(tmp) / f"p{i}.c"
            paths[str(i)].write_text(code)
        t0 = time.perf_counter()
        run_clang_tidy(paths)
        t1 = time.perf_counter()
        for code in codes:
            run_lizard(code)
        t2 = time.perf_counter()
        for path in paths.values():
            run_jscpd(path)
        t3 = time.perf_counter()
    n = len(codes)
    return {"clang-tidy": (t1 - t0) / n, "lizard": (t2 - t1) / n, "jscpd": (t3 - t2) / n}


def main() -> None:
    codes = _programs()
    n = len(codes)
    t0 = time.perf_counter()
    _measure_fresh({str(i): c for i, c in enumerate(codes)})
    batch = (time.perf_counter() - t0) / n
    tools = _per_tool(codes)
    pairs = list(itertools.pairwise(codes))[:20]
    t0 = time.perf_counter()
    for parent, variant in pairs:
        judge(parent, variant)
    pair = (time.perf_counter() - t0) / len(pairs)
    with tempfile.TemporaryDirectory() as cache:
        measure(codes, Path(cache))
        t0 = time.perf_counter()
        measure(codes, Path(cache))
        cached = (time.perf_counter() - t0) / n
    lines = [
        f"{n} distinct programs ({sum(len(c.splitlines()) for c in codes) // n} lines on average)",
        f"batch, per program: {batch * 1000:.1f} ms"
        + " ("
        + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in tools.items())
        + ")",
        f"one pair at a time (the pipeline hook), per pair: {pair * 1000:.1f} ms",
        f"from the cache, per program: {cached * 1000:.2f} ms",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
