"""Turns on a shared CPU: the model's requests go together, a job beside them goes alone, and
the one waiting longest decides who goes next."""

import asyncio

from generator.llm.turns import Turns


def run(width: int, arrivals: list[tuple[str, bool, float]]) -> list[str]:
    """Each (name, is a request, seconds it holds its turn), arriving 5 ms apart: the order
    in which they entered (+) and left (-) their turns."""
    events: list[str] = []

    async def step(turns: Turns, name: str, shared: bool, seconds: float) -> None:
        async with turns.shared() if shared else turns.alone():
            events.append(f"+{name}")
            await asyncio.sleep(seconds)
            events.append(f"-{name}")

    async def go() -> None:
        turns = Turns(width)
        tasks = []
        for name, shared, seconds in arrivals:
            tasks.append(asyncio.create_task(step(turns, name, shared, seconds)))
            await asyncio.sleep(0.005)
        await asyncio.gather(*tasks)

    asyncio.run(go())
    return events


def test_requests_share_a_turn_up_to_its_width() -> None:
    events = run(2, [("r1", True, 0.05), ("r2", True, 0.05), ("r3", True, 0.01)])
    assert events[:2] == ["+r1", "+r2"]
    assert events.index("+r3") > events.index("-r1")


def test_a_request_after_a_waiting_job_waits_for_it() -> None:
    events = run(4, [("r1", True, 0.05), ("job", False, 0.01), ("r2", True, 0.01)])
    assert events == ["+r1", "-r1", "+job", "-job", "+r2", "-r2"]


def test_waiting_requests_go_together_past_a_later_job() -> None:
    arrivals = [("job1", False, 0.05), ("r1", True, 0.02), ("job2", False, 0.01)]
    events = run(4, [*arrivals, ("r2", True, 0.02), ("r3", True, 0.02)])
    # r1 waited longest once job1 was done: r2 and r3 joined it, job2 came after all three
    assert events[:5] == ["+job1", "-job1", "+r1", "+r2", "+r3"]
    assert events.index("+job2") > max(events.index(f"-{r}") for r in ("r1", "r2", "r3"))


def test_a_cancelled_waiter_leaves_the_queue() -> None:
    async def go() -> bool:
        turns = Turns(width=1)
        async with turns.shared():
            waiting = asyncio.create_task(turns.alone().__aenter__())
            await asyncio.sleep(0.01)
            waiting.cancel()
            await asyncio.gather(waiting, return_exceptions=True)
        # had the cancelled job stayed first in the queue, this request would wait forever
        async with asyncio.timeout(1), turns.shared():
            return True

    assert asyncio.run(go())
