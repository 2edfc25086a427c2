"""Turns on a CPU shared by a model on this machine and the jobs beside it (the sandbox, the
analysers).

llama.cpp's threads wait for each other at every token, so any other process on a 2-core
machine stalls them: a job waits for the model to be idle. But the model decodes the requests
in flight together (its server's slots), and on a CPU that waits for memory a full batch
gives more tokens a second than one request alone: stopping new requests so that a job can
go would drain the batch, which costs more than the job's stall. So a request waits only for
a job that is running (a short one), never for one that waits, and a job that has waited
`patience` seconds goes beside the requests running. Jobs go one at a time, in arrival
order; requests, up to `width` at once, in theirs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Callable


class Turns:
    def __init__(self, width: int, patience: float = 20.0) -> None:
        self.width = width
        self.patience = patience
        self._requests: deque[object] = deque()  # waiting, in arrival order
        self._jobs: deque[object] = deque()
        self._shared = 0  # requests holding a turn
        self._job = False  # a job holding one
        self._changed = asyncio.Condition()

    @contextlib.asynccontextmanager
    async def shared(self) -> AsyncIterator[None]:
        """A model request's turn, taken with up to `width - 1` others."""
        async with self._turn(self._requests, lambda: not self._job and self._shared < self.width):
            self._shared += 1
        try:
            yield
        finally:
            async with self._changed:
                self._shared -= 1
                self._changed.notify_all()

    @contextlib.asynccontextmanager
    async def alone(self) -> AsyncIterator[None]:
        """A job's turn: once no request runs, or once it has waited `patience` seconds."""
        loop = asyncio.get_running_loop()
        since = loop.time()

        def free() -> bool:
            waited = loop.time() - since >= self.patience
            return not self._job and (self._shared == 0 or waited)

        async with self._turn(self._jobs, free, deadline=since + self.patience):
            self._job = True
        try:
            yield
        finally:
            async with self._changed:
                self._job = False
                self._changed.notify_all()

    @contextlib.asynccontextmanager
    async def _turn(
        self, queue: deque[object], free: Callable[[], bool], deadline: float | None = None
    ) -> AsyncIterator[None]:
        """Wait in `queue` until first in it and `free()`; the body runs under the lock. A
        waiter with a `deadline` looks again then, whether or not anything changed."""
        ticket = object()
        loop = asyncio.get_running_loop()
        async with self._changed:
            queue.append(ticket)
            try:
                while not (queue[0] is ticket and free()):
                    left = None if deadline is None else deadline - loop.time()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(
                            self._changed.wait(), left if left and left > 0 else None
                        )
            finally:  # a cancelled waiter leaves the queue too
                queue.remove(ticket)
                self._changed.notify_all()
            yield
