"""Turns on a CPU shared by a model on this machine and the jobs beside it (the sandbox, the
analysers).

llama.cpp's threads wait for each other at every token, so any other process on a 2-core
machine stalls them: the model's requests and the other jobs take turns. The requests share
theirs, up to `width` at once: the server decodes them in one batch (its slots), which on a
CPU that waits for memory gives more tokens a second than one request alone. A job takes its
turn alone.

Who goes next is decided by the one waiting longest. When it is a request, every request
waiting joins it (up to `width`), those that came after a waiting job too: requests and jobs
arrive interleaved (a finished request's program is compiled while others are being asked),
and letting only the requests before the first job go would decode them one at a time. When
it is a job, no request joins the running ones; the job goes once they are done. So a job
waits for at most one batch, and a request for the jobs that came before it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator


class Turns:
    def __init__(self, width: int) -> None:
        self.width = width
        self._queue: deque[tuple[object, bool]] = deque()  # (ticket, shared)
        self._shared = 0  # requests holding the turn
        self._alone = False  # a job holding it
        self._batch: set[object] = set()  # requests let in with the one that waited longest
        self._changed = asyncio.Condition()

    @contextlib.asynccontextmanager
    async def shared(self) -> AsyncIterator[None]:
        """A model request's turn, taken with up to `width - 1` others."""
        async with self._turn(shared=True):
            yield

    @contextlib.asynccontextmanager
    async def alone(self) -> AsyncIterator[None]:
        """A job's turn: no request runs meanwhile."""
        async with self._turn(shared=False):
            yield

    @contextlib.asynccontextmanager
    async def _turn(self, shared: bool) -> AsyncIterator[None]:
        ticket = object()
        async with self._changed:
            self._queue.append((ticket, shared))
            try:
                await self._changed.wait_for(lambda: self._may_enter(ticket, shared))
            finally:  # a cancelled waiter leaves the queue too
                self._queue.remove((ticket, shared))
                self._batch.discard(ticket)
                self._changed.notify_all()
            if shared:
                self._shared += 1
            else:
                self._alone = True
        try:
            yield
        finally:
            async with self._changed:
                if shared:
                    self._shared -= 1
                else:
                    self._alone = False
                self._changed.notify_all()

    def _may_enter(self, ticket: object, shared: bool) -> bool:
        if self._alone:
            return False
        first, first_shared = self._queue[0]
        if not shared:
            return first is ticket and self._shared == 0
        if first_shared:  # a request waits longest: it and every request waiting now go
            self._batch.update(t for t, s in self._queue if s)
        if ticket not in self._batch or self._shared >= self.width:
            return False
        self._batch.discard(ticket)
        return True
