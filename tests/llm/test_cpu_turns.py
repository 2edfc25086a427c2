"""A model on this machine's cores and the sandbox take turns: through the real adapter,
a real HTTP server and the real sandbox, no request is being answered while a program
compiles or runs, and without the turn they do overlap (so the check can fail). The requests
in flight share their turn: the server decodes them together."""

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.config import load_config
from generator.context import Context
from generator.llm import LLM
from generator.store import Store
from sandbox import ProgramResult, Sandbox, SandboxConfig, get_sandbox
from tests.fake_openai import FakeOpenAI, FakeReply

PROGRAM = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n'
Interval = tuple[float, float]


class Timed:
    """The real sandbox, with the time each job spent inside it."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.jobs: list[Interval] = []

    async def run_async(
        self, code: str, inputs: list[str], cflags: list[str] | None = None
    ) -> ProgramResult:
        start = time.monotonic()
        result = await self.sandbox.run_async(code, inputs, cflags)
        self.jobs.append((start, time.monotonic()))
        return result


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    sb = get_sandbox(SandboxConfig(workers=2))
    yield sb
    sb.close()


def overlaps(a: list[Interval], b: list[Interval]) -> int:
    return sum(1 for s1, e1 in a for s2, e2 in b if s1 < e2 and s2 < e1)


def busy(fake: FakeOpenAI, sandbox: Sandbox, tmp_path: Path, shares_cpu: bool) -> tuple[int, int]:
    """(request/job overlaps, request/request overlaps)."""
    answering: list[Interval] = []

    def handler(body: dict[str, object]) -> FakeReply:
        start = time.monotonic()
        time.sleep(0.25)  # the model computing
        answering.append((start, time.monotonic()))
        return FakeReply("ok")

    fake.handler = handler
    timed = Timed(sandbox)

    async def go() -> None:
        store = Store.open(tmp_path / f"run-{shares_cpu}")
        llm = LLM(store.llm_cache, fake.base_url, "fake", "k", concurrency=2, shares_cpu=shares_cpu)
        ctx = Context(load_config(), store, llm, timed)  # type: ignore[arg-type]
        asks = [llm.chat([{"role": "user", "content": f"q{i}"}], purpose="test") for i in range(4)]
        runs = [ctx.run(PROGRAM, [""]) for _ in range(6)]
        results = await asyncio.gather(*asks, *runs)
        assert all(r.runs[0].stdout == "hi\n" for r in results[4:])
        await llm.close()

    asyncio.run(go())
    assert len(answering) == 4 and len(timed.jobs) == 6
    together = overlaps(answering, answering) - len(answering)  # each overlaps itself
    return overlaps(answering, timed.jobs), together


def test_a_local_model_and_the_sandbox_take_turns(
    fake_openai: FakeOpenAI, sandbox: Sandbox, tmp_path: Path
) -> None:
    assert busy(fake_openai, sandbox, tmp_path, shares_cpu=False)[0] > 0  # a remote endpoint
    with_jobs, together = busy(fake_openai, sandbox, tmp_path, shares_cpu=True)
    assert with_jobs == 0
    assert together > 0
