"""De-cleaning yield on the embedded model: how many attempts end accepted and confirmed.

Runs (or resumes) the pipeline on a fixed subset of problems, then prints per principle the
samples attempted, generations spent and where they went, and per problem the clean
solutions accepted and their duplicates. Re-running with the same --run-dir only reports.

    .venv/bin/python benchmarks/yield.py [--run-dir runs/yield] [--tags yield] [--samples 2]
        [--size 1.5b] [--base-url URL --model NAME] [--clean-from DIR] [--report-only]

The `yield` tag is the fixed subset: the six starters plus four problems whose output
repeats one kind of item (an array before and after sorting, two matrices, sums of rows,
columns and diagonals, per-student averages), so that DRY has something to paste too.

With --clean-from problems/reference the hand-written solutions are the parents: the
de-clean yield alone, not hostage to what clean solutions the model happens to write.
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
from generator.principles import Principle
from generator.records import Kind, Reason, Status
from generator.run import execute
from generator.store import Store

TRY_OUTCOMES = ["no_op", "parse_error", "not_confirmed", "collateral", "not_equivalent"]
FINAL = ["compile_failed", "runtime_error", "timeout", "llm_error"]


ROWS = [
    ("not applicable", "not applicable (nothing to edit: no LLM call)"),
    ("samples", "samples asked for (one principle applied once)"),
    ("generations", "LLM replies (generations + fix rounds)"),
    *((f"try:{o}", f"retried: {o}") for o in TRY_OUTCOMES),
    *((f"final:{o}", f"final: {o}") for o in [*FINAL, *TRY_OUTCOMES]),
    ("accepted", "accepted and evidence-confirmed"),
    ("accepted %", "accepted % of samples asked for"),
    ("accepted % all", "accepted % including not applicable"),
]


def principle_figures(store: Store) -> dict[str, dict[str, str]]:
    """Per principle (pipeline order): every row of ROWS as text."""
    variants = store.samples(kind=Kind.VARIANT)
    out: dict[str, dict[str, str]] = {}
    for p in Principle:
        done = [s for s in variants if s.principle == p and s.status != Status.PENDING]
        skipped = [s for s in done if s.reason == Reason.NOT_APPLICABLE]
        mine = [s for s in done if s not in skipped]
        if not done:
            continue
        tries: Counter[str] = Counter()
        for step, outcome, n in store.execute(
            "SELECT a.step, a.outcome, COUNT(*) FROM attempts a JOIN samples s ON s.id ="
            " a.sample_id WHERE s.principle = ? GROUP BY 1, 2",
            (p.value,),
        ):
            if ":try" in step:
                tries[outcome] += n
        final = Counter(s.reason.value for s in mine if s.reason)
        accepted = sum(
            1 for s in mine if s.status == Status.ACCEPTED and (s.evidence or {}).get("confirmed")
        )
        row = {
            "not applicable": len(skipped),
            "samples": len(mine),
            # Sample.attempts counts LLM replies (generations and fix rounds); attempt rows
            # would count a reply that was built and then retried twice.
            "generations": sum(s.attempts for s in mine),
            **{f"try:{o}": tries[o] for o in TRY_OUTCOMES},
            **{f"final:{o}": final[o] for o in [*FINAL, *TRY_OUTCOMES]},
            "accepted": accepted,
        }
        out[p.value] = {k: str(v) for k, v in row.items()}
        out[p.value]["accepted %"] = f"{100 * accepted / max(1, len(mine)):.0f}%"
        out[p.value]["accepted % all"] = f"{100 * accepted / len(done):.0f}%"
    return out


def principle_table(store: Store) -> Table:
    figures = principle_figures(store)
    t = Table(title="de-cleaning yield per principle (after the retry budget)")
    t.add_column("")
    for p in figures:
        t.add_column(p, justify="right")
    for key, label in ROWS:
        t.add_row(label, *(figures[p][key] for p in figures))
    return t


def principle_markdown(store: Store) -> str:
    figures = principle_figures(store)
    lines = ["| | " + " | ".join(figures) + " |", "|---" * (len(figures) + 1) + "|"]
    for key, label in ROWS:
        lines.append(f"| {label} | " + " | ".join(figures[p][key] for p in figures) + " |")
    return "\n".join(lines)


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
    ap.add_argument("--tags", default="yield")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--samples", type=int, default=2)
    ap.add_argument("--size", default="1.5b")
    ap.add_argument("--base-url")
    ap.add_argument("--model")
    ap.add_argument(
        "--clean-from", type=Path, help="de-clean these solutions (e.g. problems/reference)"
    )
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
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
            clean_from=a.clean_from,
        )
        execute(cfg, Console(stderr=True)).close()
    with Store.open(a.run_dir, create=False) as store:
        console.print(principle_table(store))
        if a.markdown:
            print(principle_markdown(store))
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
