"""De-cleaning yield on the embedded model: how many attempts end accepted and confirmed.

Runs (or resumes) the pipeline on a fixed subset of problems, then prints per principle the
samples attempted, generations spent and where they went, and per problem the clean
solutions accepted and their duplicates. Re-running with the same --run-dir only reports.

    .venv/bin/python benchmarks/yield.py [--run-dir runs/yield] [--tags starter] [--samples 2]
        [--size 1.5b] [--base-url URL --model NAME] [--report-only]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import load_config
from generator.records import Kind, Reason, Status
from generator.run import execute
from generator.store import Store

TRY_OUTCOMES = ["no_op", "parse_error", "not_confirmed", "collateral", "not_equivalent"]
FINAL = ["compile_failed", "runtime_error", "timeout", "llm_error"]


def principle_table(store: Store) -> Table:
    t = Table(
        title="de-cleaning yield per principle (a sample = one principle applied once, "
        "after its retry budget)"
    )
    cols = [
        "principle",
        "samples",
        "generations",
        *(f"try:{o}" for o in TRY_OUTCOMES),
        *(f"final:{o}" for o in [*FINAL, "no_op", "not_confirmed", "not_equivalent"]),
        "accepted",
        "accepted %",
    ]
    for c in cols:
        t.add_column(c, justify="left" if c == "principle" else "right")
    variants = [s for s in store.samples(kind=Kind.VARIANT)]
    for p in sorted({s.principle for s in variants if s.principle}):
        mine = [s for s in variants if s.principle == p]
        tries = Counter()
        builds = 0
        for row in store.execute(
            "SELECT a.step, a.outcome, COUNT(*) FROM attempts a JOIN samples s ON s.id ="
            " a.sample_id WHERE s.principle = ? GROUP BY 1, 2",
            (p.value,),
        ):
            step, outcome, n = row
            if step == p.value:
                builds += n
            elif ":try" in step:
                tries[outcome] += n
        final = Counter(s.reason.value for s in mine if s.reason)
        accepted = sum(
            1 for s in mine if s.status == Status.ACCEPTED and (s.evidence or {}).get("confirmed")
        )
        t.add_row(
            p.value,
            str(len(mine)),
            str(builds + sum(tries.values())),
            *(str(tries[o]) for o in TRY_OUTCOMES),
            *(str(final[o]) for o in [*FINAL, "no_op", "not_confirmed", "not_equivalent"]),
            str(accepted),
            f"{100 * accepted / max(1, len(mine)):.0f}%",
        )
    return t


def clean_table(store: Store) -> tuple[Table, float]:
    t = Table(title="clean solutions per problem")
    for c in ("problem", "samples", "accepted", "duplicates", "matches expected", "rejected"):
        t.add_column(c)
    problems = store.problems()
    with_one = 0
    for pid in problems:
        cleans = store.samples(problem_id=pid, kind=Kind.CLEAN)
        ok = [c for c in cleans if c.status == Status.ACCEPTED]
        dup = [c for c in cleans if c.reason == Reason.DUPLICATE]
        with_one += bool(ok or dup)
        rejected = Counter(c.reason.value for c in cleans if c.reason and c not in dup)
        expected = sum(1 for c in [*ok, *dup] if c.meta.get("matches_expected"))
        t.add_row(
            pid,
            str(len(cleans)),
            str(len(ok) + len(dup)),
            str(len(dup)),
            str(expected),
            ", ".join(f"{k} {v}" for k, v in rejected.items()),
        )
    return t, with_one / max(1, len(problems))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", type=Path, default=Path("runs/yield"))
    ap.add_argument("--tags", default="starter")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--samples", type=int, default=2)
    ap.add_argument("--size", default="1.5b")
    ap.add_argument("--base-url")
    ap.add_argument("--model")
    ap.add_argument("--report-only", action="store_true")
    a = ap.parse_args()
    console = Console(width=200)
    if not a.report_only:
        cfg = load_config(
            run_dir=a.run_dir,
            tags=a.tags,
            limit=a.limit,
            samples=a.samples,
            embedded_size=a.size,
            base_url=a.base_url,
            model=a.model,
        )
        execute(cfg, Console(stderr=True)).close()
    with Store.open(a.run_dir, create=False) as store:
        console.print(principle_table(store))
        table, share = clean_table(store)
        console.print(table)
        console.print(f"problems with at least one accepted clean solution: {share:.0%}")
        llm = store.llm_stats()
        console.print(
            f"LLM: {llm['requests']} requests, {llm['prompt_tokens']} prompt + "
            f"{llm['completion_tokens']} completion tokens, "
            f"{llm['latency_ms_total'] / 1000:.0f} s in requests"
        )


if __name__ == "__main__":
    main()
