"""One writer per run directory: an flock on `run.lock` that holds the writer's PID.

The kernel drops an flock when its process dies, however it dies, so a lock left by a
killed run never blocks the next one; the PID in the file is only there to be named."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from types import TracebackType

from generator.errors import ConfigError, RunLocked

LOCK_NAME = "run.lock"


class RunLock:
    """Held from `__enter__` to `__exit__`; a second holder is refused at once, not queued."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = Path(run_dir)
        self.path = self.run_dir / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        if self.run_dir.exists() and not self.run_dir.is_dir():
            raise ConfigError(f"run directory {self.run_dir} is a file: name a directory")
        try:
            self.run_dir.mkdir(parents=True, exist_ok=True)
            # Python fds are close-on-exec: the sandbox and model processes do not inherit it.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            # A path through a file (`notes/sub`) cannot be made: say so as the store would.
            raise ConfigError(
                f"run directory {self.run_dir}: cannot create it: {exc.strerror}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            raise RunLocked(
                f"{self.run_dir} is in use by another declean run (PID {holder}); wait for it "
                f"to end or stop it, or use another --run-dir"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)  # no PID left to name once it is free
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None


def _read_pid(fd: int) -> str:
    """The holder's PID as written in the file; 'unknown' in the instant before it writes."""
    text = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return text if text.isdigit() else "unknown"
