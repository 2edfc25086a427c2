"""What every backend shares: the job files, the worker slots, the pool, and result parsing.

A backend only says how to start `runner.py` inside its isolation and how to throw a slot away;
the runner does the compiling, running, limiting and cleaning the same way everywhere.

Whatever fails on the host side surfaces as `SandboxError`, never as another exception. A job
whose slot broke under it (jail or container gone, runner silent, a budget overrun) is retried
once on a fresh slot before the error reaches the caller.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import queue
import random
import threading
import weakref
from abc import ABC, abstractmethod
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Protocol

from sandbox.config import SandboxConfig
from sandbox.diagnostics import parse_diagnostics
from sandbox.results import ProgramResult, RunResult, SandboxError

RUNNER = Path(__file__).with_name("runner.py")
# Untrusted code runs as numeric uids nobody else uses; a random base per sandbox keeps two
# sandboxes (two processes) from sharing a uid and so a process budget.
UID_FLOOR = 1_000_000
UID_SPAN = 1_000_000
SLOTS_PER_BASE = 64


class Slot(Protocol):
    """What a backend keeps warm for one worker slot."""

    def traces(self) -> list[str]: ...

    def destroy(self) -> None: ...


class Sandbox(ABC):
    """Compiles and runs C programs in isolation. Thread-safe; use as a context manager."""

    name: str = "abstract"

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self._uid_base = UID_FLOOR + random.randrange(UID_SPAN) * SLOTS_PER_BASE
        self._slots: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(config.workers):
            self._slots.put(slot)
        self._pool = ThreadPoolExecutor(config.workers, thread_name_prefix=f"sandbox-{self.name}")
        self._closed = False
        self._close_lock = threading.Lock()
        self._live: dict[int, Slot] = {}  # the warm slots, by index
        self.replaced_slots = 0  # slots thrown away because a job left them dirty or broke them
        self.job_limits = "per process only"  # or "cgroup": whether limits bind a whole job
        # Forgotten sandboxes still stop their jails/containers when the interpreter exits.
        atexit.register(_close_if_alive, weakref.ref(self))

    @property
    def uids(self) -> range:
        """The unprivileged uids this sandbox's programs run as (one per worker slot)."""
        return range(self._uid_base, self._uid_base + self.config.workers)

    def run(
        self, source: str, stdins: Sequence[str], cflags: Sequence[str] | None = None
    ) -> ProgramResult:
        """Compile `source`, run it once per stdin; never raises for the program's own failure.

        `cflags` replaces the configured compiler flags for this job alone (the caller's, never
        the program's: an optimisation level to build the same program another way)."""
        if self._closed:
            raise SandboxError(f"the {self.name} sandbox is closed; create a new one")
        flags = list(self.config.cflags if cflags is None else cflags)
        slot = self._slots.get()
        try:
            try:
                return self._guarded(source, list(stdins), slot, flags)
            except SandboxError:
                if self._closed:
                    raise
                # The backend has dropped the broken slot; one more try on a fresh one.
                return self._guarded(source, list(stdins), slot, flags)
        finally:
            self._slots.put(slot)

    def _guarded(
        self, source: str, stdins: list[str], slot: int, cflags: list[str]
    ) -> ProgramResult:
        # Whatever broke (jail gone, runner error, a host-side bug), the slot it broke in is
        # never served again: dropping it here is the one place, whatever the backend.
        try:
            return self._run_in_slot(source, stdins, self._uid_base + slot, cflags)
        except SandboxError:
            self._drop(slot)
            raise
        except Exception as exc:  # a host-side bug or OS error must not look like the program's
            self._drop(slot)
            raise SandboxError(
                f"the {self.name} sandbox failed on the host side: {type(exc).__name__}: {exc}"
            ) from exc

    async def run_async(
        self, source: str, stdins: Sequence[str], cflags: Sequence[str] | None = None
    ) -> ProgramResult:
        """`run` on the bounded pool, so any number of awaiting callers share `workers` slots."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.run, source, list(stdins), cflags)

    def run_batch(self, jobs: Sequence[tuple[str, Sequence[str]]]) -> list[ProgramResult]:
        """Results in the order of `jobs`, computed `workers` at a time."""
        return list(self._pool.map(lambda job: self.run(job[0], job[1]), jobs))

    def close(self) -> None:
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        self._pool.shutdown(wait=True)
        self._close_backend()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @abstractmethod
    def _run_in_slot(
        self, source: str, stdins: list[str], uid: int, cflags: list[str]
    ) -> ProgramResult: ...

    def _drop(self, index: int) -> None:
        """Throw slot `index` away (processes, files, isolation); the next job makes it anew."""
        slot = self._live.pop(index, None)
        if slot is not None:
            slot.destroy()
            self.replaced_slots += 1

    def traces(self) -> list[str]:
        """What jobs left in any slot, seen from the host (empty between clean jobs)."""
        return [trace for slot in list(self._live.values()) for trace in slot.traces()]

    def _close_slots(self) -> None:
        for slot in self._live.values():
            slot.destroy()
        self._live.clear()

    def _close_backend(self) -> None:  # noqa: B027 - optional hook
        """Stop what the backend keeps warm."""

    def _budget_s(self, cases: int) -> float:
        """How long the whole job may take inside the runner before it gives up."""
        limits = self.config.limits
        return limits.compile_wall_s + cases * (limits.run_wall_s + 1) + 10

    def _write_job(
        self,
        job_dir: Path,
        source: str,
        stdins: list[str],
        uid: int,
        cflags: list[str],
        **extra: object,
    ) -> None:
        job = {
            **extra,
            "uid": uid,
            "cflags": cflags,
            "ldlibs": self.config.ldlibs,
            "cases": len(stdins),
            "budget_s": self._budget_s(len(stdins)),
            "limits": self.config.limits.model_dump(),
        }
        _write_private(job_dir / "job.json", json.dumps(job).encode())
        _write_private(job_dir / "main.c", source.encode("utf-8", "surrogateescape"))
        for index, text in enumerate(stdins):
            _write_private(job_dir / f"stdin-{index}", text.encode("utf-8", "surrogateescape"))

    def _parse(
        self, stdout: bytes, stderr: bytes, exit_code: int | None
    ) -> tuple[ProgramResult, list[str]]:
        """The program's result, and what the runner could not remove after it."""
        lines = [
            line for line in stdout.decode(errors="replace").splitlines() if line.startswith("{")
        ]
        if not lines:
            tail = stderr.decode(errors="replace").strip()[-800:]
            raise SandboxError(
                f"the {self.name} sandbox runner gave no result (exit {exit_code}): "
                f"{tail or 'no output'}; run `declean sandbox check` to test the backend"
            )
        try:
            raw = json.loads(lines[-1])
        except ValueError as exc:
            raise SandboxError(f"the {self.name} sandbox runner answered garbage: {exc}") from exc
        if "error" in raw:
            raise SandboxError(f"the {self.name} sandbox runner failed: {raw['error']}")
        result = ProgramResult(
            backend=self.name,
            compiled=raw["compiled"],
            diagnostics=parse_diagnostics(raw.get("compile_output", "")),
            compile_output=raw.get("compile_output", ""),
            compile_timed_out=raw.get("compile_timed_out", False),
            compile_ms=raw.get("compile_ms", 0.0),
            runs=[RunResult(**run) for run in raw["runs"]],
        )
        return result, list(raw.get("dirty", []))


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _close_if_alive(ref: weakref.ref[Sandbox]) -> None:
    sandbox = ref()
    if sandbox is not None:
        sandbox.close()


def free_space(path: Path) -> tuple[int, int]:
    """Free inodes and blocks of the filesystem at `path`: what a job's leftovers would use,
    by the kernel's own count."""
    stats = os.statvfs(path)
    return stats.f_ffree, stats.f_bfree
