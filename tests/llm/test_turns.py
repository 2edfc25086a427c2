"""Turns on a shared CPU: the model's requests go together, never waiting for a job that
waits; a job goes once no request runs, or beside them once it has waited long enough."""

import asyncio

from generator.llm.turns import Turns


def run(turns: Turns, arrivals: list[tuple[str, bool, float]]) -> list[str]:
    """Each (name, is a request, seconds it holds its turn), arriving 5 ms apart: the order
    in which they entered (+) and left (-) their turns."""
    events: list[str] = []

    async def step(name: str, shared: bool, seconds: float) -> None:
        async with turns.shared() if shared else turns.alone():
            events.append(f"+{name}")
            await asyncio.sleep(seconds)
            events.append(f"-{name}")

    async def go() -> None:
        tasks = []
        for name, shared, seconds in arrivals:
            tasks.append(asyncio.create_task(step(name, shared, seconds)))
            await asyncio.sleep(0.005)
        await asyncio.gather(*tasks)

    asyncio.run(go())
    return events


def test_requests_share_a_turn_up_to_its_width() -> None:
    events = run(Turns(2), [("r1", True, 0.05), ("r2", True, 0.05), ("r3", True, 0.01)])
    assert events[:2] == ["+r1", "+r2"]
    assert events.index("+r3") > events.index("-r1")


def test_a_job_waits_for_the_requests_and_later_requests_go_past_it() -> None:
    arrivals = [("r1", True, 0.05), ("job", False, 0.01), ("r2", True, 0.05)]
    events = run(Turns(4, patience=10), arrivals)
    assert events[:2] == ["+r1", "+r2"]  # the batch does not drain for a waiting job
    assert events[-2:] == ["+job", "-job"]


def test_a_job_goes_beside_the_requests_once_it_has_waited_its_patience() -> None:
    events = run(Turns(4, patience=0.02), [("r1", True, 0.2), ("job", False, 0.01)])
    assert events == ["+r1", "+job", "-job", "-r1"]


def test_a_request_waits_for_a_running_job_and_jobs_go_one_at_a_time() -> None:
    arrivals = [("job1", False, 0.05), ("r1", True, 0.01), ("job2", False, 0.01)]
    events = run(Turns(4, patience=10), arrivals)
    assert events[:3] == ["+job1", "-job1", "+r1"]
    assert events[-2:] == ["+job2", "-job2"]


def test_a_cancelled_waiter_leaves_the_queue() -> None:
    async def go() -> bool:
        turns = Turns(width=1, patience=10)
        async with turns.shared():
            waiting = asyncio.create_task(turns.alone().__aenter__())
            await asyncio.sleep(0.01)
            waiting.cancel()
            await asyncio.gather(waiting, return_exceptions=True)
        # had the cancelled job stayed first in the queue, this one would wait forever
        async with asyncio.timeout(1), turns.alone():
            return True

    assert asyncio.run(go())
