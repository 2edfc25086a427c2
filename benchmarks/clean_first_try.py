"""Clean stage, first try only: how sampling temperature changes what the model writes.

For each temperature, asks one clean solution per (problem, seed) with no fix round and no
retry, then prints per temperature: replies with a program, clean-shaped ones, compiled,
ran on every input, printed the problem's expected output, distinct programs, and how many
give each de-clean principle something to edit (the `not_applicable` rule).

    .venv/bin/python benchmarks/clean_first_try.py [--tags starter] [--samples 2]
        [--temperatures 0.2,0.8] [--run-dir runs/clean-first-try]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import load_config
from generator.context import Context
from generator.dedup import normalize
from generator.llm import open_llm
from generator.principles import Principle
from generator.principles.base import inapplicable
from generator.records import Kind, Status
from generator.run import preflight
from generator.stages.clean import make_clean
from generator.store import Store


async def ask(ctx: Context, problems: list, samples: int) -> None:
    await asyncio.gather(*(make_clean(ctx, p, k) for p in problems for k in range(samples)))


def figures(store: Store) -> dict[str, int]:
    cleans = store.samples(kind=Kind.CLEAN)
    ok = [c for c in cleans if c.status == Status.ACCEPTED]
    reasons = Counter(c.reason.value for c in cleans if c.reason)
    row = {
        "asked": len(cleans),
        "no program": reasons["parse_error"],
        "not clean-shaped": reasons["not_clean"],
        "compile failed": reasons["compile_failed"],
        "crashed or timed out": reasons["runtime_error"] + reasons["timeout"],
        "ran on every input": len(ok),
        "printed the expected output": sum(1 for c in ok if c.meta.get("matches_expected")),
        "distinct programs that ran": len({normalize(c.code) for c in ok}),
        "problems with one that ran": len({c.problem_id for c in ok}),
    }
    for p in Principle:
        row[f"{p.value} applicable"] = sum(1 for c in ok if inapplicable(p, c.code) is None)
    return row


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", type=Path, default=Path("runs/clean-first-try"))
    ap.add_argument("--tags", default="starter")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--samples", type=int, default=2)
    ap.add_argument("--temperatures", default="0.2,0.8")
    ap.add_argument("--base-url")
    ap.add_argument("--model")
    a = ap.parse_args()
    temps = [float(t) for t in a.temperatures.split(",")]
    table = Table(title="clean stage, first reply only (no fix round, no retry)")
    table.add_column("")
    rows: dict[str, list[str]] = {}
    for t in temps:
        cfg = load_config(
            run_dir=a.run_dir / f"t{t}",
            tags=a.tags,
            limit=a.limit,
            samples=a.samples,
            temperature=t,
            max_fixes=0,
            clean_retries=0,
            fix_expected=False,
            base_url=a.base_url,
            model=a.model,
        )
        problems = preflight(cfg)
        store = Store.open(cfg.run_dir)
        store.save_problems(problems)
        from sandbox import SandboxConfig, get_sandbox

        with get_sandbox(SandboxConfig(backend=cfg.backend)) as sandbox:

            async def go(cfg=cfg, store=store, sandbox=sandbox, problems=problems) -> None:
                async with open_llm(cfg, store, log=lambda m: None) as llm:
                    ctx = Context(cfg=cfg, store=store, llm=llm, sandbox=sandbox)
                    await ask(ctx, problems, cfg.samples)

            asyncio.run(go())
        table.add_column(f"T={t}", justify="right")
        for k, v in figures(store).items():
            rows.setdefault(k, []).append(str(v))
        llm = store.llm_cache.stats()
        rows.setdefault("LLM completion tokens", []).append(str(llm["completion_tokens"]))
        store.close()
    for k, vals in rows.items():
        table.add_row(k, *vals)
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
