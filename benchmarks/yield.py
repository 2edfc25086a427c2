"""De-cleaning yield: how many variants end accepted and confirmed, per editor and principle.

Runs (or resumes) the pipeline on a fixed subset of problems, then prints per principle (and
all together): asked (not applicable included), accepted and confirmed, how many each editor
made, LLM requests and completion tokens per accepted sample, accepted samples per hour of
wall time (summed over resumed runs), label sets per clean solution, per problem the
clean solutions accepted, and with the embedded model its own generation speed and busy
share (from its server log), which tell a slow day on a shared machine from a slow design.
Re-running with --report-only only reports.

    .venv/bin/python benchmarks/yield.py [--run-dir runs/yield] [--tags yield] [--samples 2]
        [--size 1.5b] [--base-url URL --model NAME] [--clean-from DIR] [--report-only]
        [--editor procedural|llm|mixed] [--combinations all|chain] [--principles DRY,MC]

The `yield` tag is the fixed subset: the six starters plus four problems whose output
repeats one kind of item (an array before and after sorting, two matrices, sums of rows,
columns and diagonals, per-student averages), so that DRY has something to paste too.

With --clean-from problems/reference the hand-written solutions are the parents: the
de-clean yield alone, not hostage to what clean solutions the model happens to write.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
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

TRY_OUTCOMES = ["no_op", "parse_error", "not_confirmed", "collateral", "not_equivalent", "unseen"]
FINAL = ["compile_failed", "runtime_error", "timeout", "llm_error", "parent_rejected", "marked"]


ROWS = [
    ("asked", "asked (not applicable included)"),
    ("not applicable", "not applicable (nothing to edit: no LLM call)"),
    ("samples", "samples made (asked, not applicable left out)"),
    ("generations", "LLM replies (generations + fix rounds)"),
    *((f"try:{o}", f"retried: {o}") for o in TRY_OUTCOMES),
    *((f"final:{o}", f"final: {o}") for o in [*FINAL, *TRY_OUTCOMES]),
    ("accepted", "accepted and evidence-confirmed"),
    ("procedural", "... of them by the procedural editor"),
    ("llm", "... of them by the LLM editor"),
    ("llm % asked", "LLM-edited % of asked"),
    ("requests/accepted", "LLM requests per accepted sample"),
    ("tokens/accepted", "completion tokens per accepted sample"),
    ("per hour", "accepted samples per hour of wall time"),
    ("accepted %", "accepted % of samples made"),
    ("accepted % all", "accepted % of asked"),
]


def principle_figures(store: Store, wall_s: float) -> dict[str, dict[str, str]]:
    """Per principle (canonical order), then all together: every row of ROWS as text."""
    variants = [s for s in store.samples(kind=Kind.VARIANT) if s.status != Status.PENDING]
    use = store.llm_cache.use_by_sample()
    groups = {p.value: [s for s in variants if s.principle == p] for p in Principle}
    groups["all"] = variants
    out: dict[str, dict[str, str]] = {}
    for name, done in groups.items():
        if not done:
            continue
        skipped = [s for s in done if s.reason == Reason.NOT_APPLICABLE]
        mine = [s for s in done if s not in skipped]
        tries: Counter[str] = Counter()
        for p in [Principle(name)] if name != "all" else list(Principle):
            tries.update(store.attempt_outcomes(p.value, ":try"))
            tries.update(store.attempt_outcomes(p.value, ":edit"))
        final = Counter(s.reason.value for s in mine if s.reason)
        ok = [
            s
            for s in mine
            if s.status == Status.ACCEPTED and s.evidence is not None and s.evidence.confirmed
        ]
        requests = sum(use.get(s.id, (0, 0))[0] for s in done)
        tokens = sum(use.get(s.id, (0, 0))[1] for s in done)
        by_llm = sum(1 for s in ok if s.editor == "llm")
        row = {
            "asked": len(done),
            "not applicable": len(skipped),
            "samples": len(mine),
            # Sample.attempts counts LLM replies (generations and fix rounds); attempt rows
            # would count a reply that was built and then retried twice.
            "generations": sum(s.attempts for s in mine),
            **{f"try:{o}": tries[o] for o in TRY_OUTCOMES},
            **{f"final:{o}": final[o] for o in [*FINAL, *TRY_OUTCOMES]},
            "accepted": len(ok),
            "procedural": sum(1 for s in ok if s.editor == "procedural"),
            "llm": by_llm,
            "llm % asked": f"{100 * by_llm / len(done):.0f}%",
            "requests/accepted": f"{requests / max(1, len(ok)):.2f}",
            "tokens/accepted": f"{tokens / max(1, len(ok)):.0f}",
            "per hour": f"{3600 * len(ok) / wall_s:.0f}" if wall_s else "?",
            "accepted %": f"{100 * len(ok) / max(1, len(mine)):.0f}%",
            "accepted % all": f"{100 * len(ok) / len(done):.0f}%",
        }
        out[name] = {k: str(v) for k, v in row.items()}
    return out


def principle_table(store: Store, wall_s: float) -> Table:
    figures = principle_figures(store, wall_s)
    t = Table(title="de-cleaning yield per principle (after the retry budget)")
    t.add_column("")
    for p in figures:
        t.add_column(p, justify="right")
    for key, label in ROWS:
        t.add_row(label, *(figures[p][key] for p in figures))
    return t


def principle_markdown(store: Store, wall_s: float) -> str:
    figures = principle_figures(store, wall_s)
    lines = ["| | " + " | ".join(figures) + " |", "|---" * (len(figures) + 1) + "|"]
    for key, label in ROWS:
        lines.append(f"| {label} | " + " | ".join(figures[p][key] for p in figures) + " |")
    return "\n".join(lines)


def label_sets(store: Store) -> tuple[int, float]:
    """Distinct accepted label sets over the run, and per accepted clean solution on average."""
    accepted = store.samples(kind=Kind.VARIANT, status=Status.ACCEPTED)
    per_root: dict[str, set[tuple[str, ...]]] = {}
    for s in accepted:
        per_root.setdefault(s.root_id, set()).add(tuple(sorted(p.value for p in s.labels)))
    cleans = [c for c in store.samples(kind=Kind.CLEAN, status=Status.ACCEPTED)]
    every = {ls for sets in per_root.values() for ls in sets}
    return len(every), sum(len(v) for v in per_root.values()) / max(1, len(cleans))


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


EVAL = re.compile(
    r"^(\d+)\.(\d+)\.(\d+)\.\d+ .*\| +(prompt eval|eval|total) time = +([\d.]+) ms / +(\d+) tokens"
)


def _union(spans: list[tuple[float, float]]) -> float:
    """Seconds covered by at least one of `spans`."""
    covered, reach = 0.0, float("-inf")
    for start, end in sorted(spans):
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    return covered


def model_speed(run_dir: Path, wall_s: float) -> str | None:
    """The embedded model's own figures from its server log (appended over resumed runs, as
    the wall time is summed): how fast it generated, and how much of the wall time it was
    busy. The same run on this shared machine took 11.6 min one day and 23.8 the day before
    with identical requests and tokens; these figures tell a slow machine from a slow design.

    The server decodes several requests at once (its slots), so the figures are over the time
    at least one request was generating (or busy at all), each request's span read from
    when it ended (the log line's clock, from the server's start) back over its duration."""
    log = run_dir / "llm-server.log"
    if not log.exists():
        return None
    tokens: Counter[str] = Counter()
    spans: dict[str, list[tuple[float, float]]] = {"eval": [], "total": [], "prompt eval": []}
    offset, last = 0.0, 0.0
    for line in log.read_text(errors="replace").splitlines():
        if (m := EVAL.search(line)) is None:
            continue
        clock = int(m[1]) * 60 + int(m[2]) + int(m[3]) / 1000
        if clock < last:  # a resumed run started another server, its clock from zero
            offset += last + 1
        last = clock
        end, kind = offset + clock, m[4]
        spans[kind].append((end - float(m[5]) / 1000, end))
        tokens[kind] += int(m[6])
    if not spans["eval"]:
        return None
    generating, busy = _union(spans["eval"]), _union(spans["total"])
    reading = sum(e - s for s, e in spans["prompt eval"])
    return (
        f"embedded model: generated {tokens['eval']} tokens at "
        f"{tokens['eval'] / generating:.1f} tokens/s (over the {generating:.0f} s any request "
        f"was generating), read {tokens['prompt eval']} prompt tokens at "
        f"{tokens['prompt eval'] / max(reading, 1e-3):.0f}/s; busy {busy:.0f} s, "
        f"{busy / wall_s if wall_s else 0:.0%} of the wall time"
    )


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
    ap.add_argument("--editor", choices=["procedural", "llm", "mixed"])
    ap.add_argument("--combinations", choices=["all", "chain"])
    ap.add_argument("--principles")
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
            editor=a.editor,
            combinations=a.combinations,
            principles=a.principles,
        )
        started = time.monotonic()
        try:
            execute(cfg, Console(stderr=True)).close()
        except KeyboardInterrupt:  # `timeout -s INT`: report what the time bought
            print("interrupted: reporting the samples finished so far", file=sys.stderr)
        finally:
            # wall time adds up over resumed runs: what the samples in the store cost
            with Store.open(a.run_dir) as store:
                spent = store.get_meta("yield_wall_s", 0) + time.monotonic() - started
                store.set_meta("yield_wall_s", spent)
    with Store.open(a.run_dir, create=False) as store:
        wall_s = float(store.get_meta("yield_wall_s", 0))
        console.print(principle_table(store, wall_s))
        if a.markdown:
            print(principle_markdown(store, wall_s))
        distinct, per_clean = label_sets(store)
        console.print(
            f"wall time {wall_s / 60:.1f} min; label sets: {distinct} distinct, "
            f"{per_clean:.1f} per accepted clean solution"
        )
        table, share = clean_table(store)
        console.print(table)
        console.print(f"problems with at least one accepted clean solution: {share:.0%}")
        # The clean solutions are rows of the export too (the negatives), beside the variants.
        rows = sum(len(store.samples(kind=k, status=Status.ACCEPTED)) for k in Kind)
        if wall_s:
            console.print(
                f"accepted clean solutions and variants together: {rows}, "
                f"{3600 * rows / wall_s:.0f} an hour"
            )
        tokens = store.llm_cache.stats()["completion_tokens"]
        if tokens:
            ok = principle_figures(store, wall_s).get("all", {}).get("accepted", "0")
            console.print(
                f"accepted variants per 1,000 completion tokens: {1000 * int(ok) / tokens:.1f}"
            )
        llm = store.llm_cache.stats()
        console.print(
            f"LLM: {llm['requests']} requests, {llm['prompt_tokens']} prompt + "
            f"{llm['completion_tokens']} completion tokens, "
            f"{llm['latency_ms_total'] / 1000:.0f} s in requests (queueing included)"
        )
        if (speed := model_speed(a.run_dir, wall_s)) is not None:
            console.print(speed)


if __name__ == "__main__":
    main()
