"""Why the embedded model and the sandbox take turns on the CPU (`LLM.cpu_turn`).

The same work, three ways, through the real adapter, the embedded model and the sandbox:
a few model requests alone, then the same requests with a batch of sandbox jobs (compile
and run of a problem's reference solution) running beside them, then the same with the two
taking turns. Prints generation tokens/s and wall time for each.

    .venv/bin/python benchmarks/cpu_turns.py [--requests 3] [--jobs 40] [--tokens 250]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from generator.config import load_config
from generator.context import Context
from generator.llm import LLM
from generator.llm.server import embedded_server
from generator.llm.weights import ensure_model, model_name
from generator.store import Store
from sandbox import Sandbox, SandboxConfig, get_sandbox

PROGRAM = Path(__file__).resolve().parent.parent / "problems/reference/magic-square.c"
INPUT = "3\n2 7 6\n9 5 1\n4 3 8\n"


async def work(
    base_url: str, model: str, sandbox: Sandbox, a: argparse.Namespace, mode: str
) -> tuple[float, float]:
    """Wall seconds and generation tokens/s of `a.requests` requests (and the jobs)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "run")
        llm = LLM(store.llm_cache, base_url, model, "k", concurrency=1, shares_cpu=mode == "turns")
        ctx = Context(load_config(), store, llm, sandbox)
        code = PROGRAM.read_text()
        start = time.monotonic()

        async def ask(i: int) -> int:
            content = f"Write C program number {i + 1}: a multiplication table, helpers only."
            reply = await llm.chat(
                [{"role": "user", "content": content}],
                purpose="bench",
                max_tokens=a.tokens,
                seed=int(start) + i,  # never a cache hit
            )
            return reply.completion_tokens

        asks = [ask(i) for i in range(a.requests)]
        jobs = [ctx.run(code, [INPUT]) for _ in range(a.jobs)] if mode != "alone" else []
        done = await asyncio.gather(*asks, *jobs)
        wall = time.monotonic() - start
        await llm.close()
    tokens = sum(done[: a.requests])
    return wall, tokens / wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=40, help="sandbox jobs beside the requests")
    ap.add_argument("--tokens", type=int, default=250, help="max tokens per request")
    a = ap.parse_args()
    path = ensure_model("1.5b")
    model = model_name("1.5b", None)
    sandbox = get_sandbox(SandboxConfig(workers=2))
    print(f"{a.requests} requests of up to {a.tokens} tokens; {a.jobs} sandbox jobs beside them")
    with embedded_server(path, model) as base_url:
        for mode in ("alone", "overlapped", "turns"):
            wall, rate = asyncio.run(work(base_url, model, sandbox, a, mode))
            print(f"{mode:<11} wall {wall:6.1f} s   generation {rate:5.1f} tokens/s (all in)")
    sandbox.close()


if __name__ == "__main__":
    main()
