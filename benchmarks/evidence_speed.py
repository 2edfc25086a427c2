"""How long `generator.principles.check` takes per parent/variant pair.

Cold = neither program parsed before (cache cleared); warm = the parent already parsed,
which is the pipeline's case (one parent, several variants). Target: < 20 ms per pair.
Run: .venv/bin/python benchmarks/evidence_speed.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from generator.c.facts import analyse
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.check import check

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "evidence" / "fixtures"
REFERENCE = ROOT / "problems" / "reference"
REPEAT = 5


def _time(parent: str, variant: str, principle: Principle) -> tuple[float, float]:
    cold, warm = [], []
    for _ in range(REPEAT):
        analyse.cache_clear()
        t0 = time.perf_counter()
        check(Program(parent), Program(variant), principle)
        cold.append(time.perf_counter() - t0)
        analyse.cache_clear()
        analyse(parent)
        t0 = time.perf_counter()
        check(Program(parent), Program(variant), principle)
        warm.append(time.perf_counter() - t0)
    return min(cold) * 1000, min(warm) * 1000


def _pairs() -> list[tuple[str, str, str, Principle]]:
    pairs = []
    for clean in sorted(FIXTURES.glob("*/clean.c")):
        for variant in sorted(clean.parent.glob("*.c")):
            if variant.name == "clean.c":
                continue
            label = variant.stem.split("_")[0].upper()
            principle = Principle(label) if label in Principle.__members__ else Principle.MC
            name = f"{clean.parent.name}/{variant.stem}"
            pairs.append((name, clean.read_text(), variant.read_text(), principle))
    # The reference corpus against a renamed copy: realistic sizes for the pipeline.
    sys.path.insert(0, str(ROOT))
    from tests.evidence.rewrites import vague_names

    for ref in sorted(REFERENCE.glob("*.c")):
        code = ref.read_text()
        pairs.append((f"reference/{ref.stem}", code, vague_names(code), Principle.NAME))
    return pairs


def main() -> None:
    rows = []
    for name, parent, variant, principle in _pairs():
        cold, warm = _time(parent, variant, principle)
        lines = max(parent.count("\n"), variant.count("\n"))
        rows.append((name, lines, cold, warm))
        print(f"{name:42} {lines:4d} lines  cold {cold:6.2f} ms  warm {warm:6.2f} ms")
    colds, warms = [r[2] for r in rows], [r[3] for r in rows]
    print(
        f"\n{len(rows)} pairs: cold median {statistics.median(colds):.2f} ms, "
        f"max {max(colds):.2f} ms; warm median {statistics.median(warms):.2f} ms, "
        f"max {max(warms):.2f} ms (best of {REPEAT})"
    )


if __name__ == "__main__":
    main()
