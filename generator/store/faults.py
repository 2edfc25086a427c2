"""What a SQLite failure of a store means for the user: one line saying where, and what to do.

SQLite reports a damaged file, a full disk or a read-only one as `sqlite3.DatabaseError`
subclasses with a result code; those are the user's machine, not a bug, so each becomes a
`StoreError`. Any other code (a constraint, a syntax error) is ours and stays a traceback.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import DecleanError

# SQLite primary result codes (https://www.sqlite.org/rescode.html).
READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB = 8, 10, 11, 13, 14, 26


class StoreError(DecleanError):
    """A store that cannot be read or written: damaged, on a full disk, or read-only."""


def size_text(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def _on_disk(path: Path) -> int:
    """The store and its journals: what a rewrite of it may need again."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal")]
    return sum(f.stat().st_size for f in files if f.exists())


def disk_full(path: Path, store: bool = True) -> str:
    """Where the disk is full, how much is free, and (for a store) how much to free."""
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return f"{path}: the disk is full; free some space and re-run (finished work is kept)"
    where = f"{path}: the disk is full ({size_text(free)} free on the filesystem of {path.parent}"
    if not store:
        return f"{where}): free some space and re-run"
    # A write needs room for the pages it changes and their copy in the WAL; the store's own
    # size bounds what a resume rewrites, and 1 MB covers a new store's first samples.
    need = max(_on_disk(path), 1 << 20)
    return (
        f"{where}; the store takes {size_text(_on_disk(path))}): free at least"
        f" {size_text(need)} and re-run; finished work is kept"
    )


def store_error(path: Path, exc: sqlite3.Error) -> StoreError | None:
    """The user-facing error for `exc` on the store at `path`, or None for our own bugs."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == FULL or (primary == IOERR and "full" in str(exc)):
        return StoreError(disk_full(path))
    if primary in (CORRUPT, NOTADB):
        return StoreError(
            f"{path}: the store is damaged ({exc}). Start a new --run-dir, or try to rescue"
            f" the finished work: sqlite3 {path} .recover | sqlite3 {path.parent}/recovered.sqlite"
        )
    if primary == READONLY:
        return StoreError(f"{path}: the store is read-only ({exc}); make it writable and re-run")
    if primary in (IOERR, CANTOPEN):
        return StoreError(f"{path}: cannot read or write the store ({exc})")
    return None


@contextmanager
def writing(where: Path) -> Iterator[None]:
    """A full disk while writing under `where` (an export): one line naming it, since the
    writers (Arrow, Parquet) raise ENOSPC without a file name."""
    try:
        yield
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        raise StoreError(disk_full(Path(exc.filename or where), store=False)) from None
