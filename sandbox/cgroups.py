"""Per-job cgroups: one memory and one pids group per worker slot, made under our own groups.

rlimits bind one process; a job may fork, so only a group bounds all its processes together
(its files on a tmpfs are charged to it too). A slot serves one job at a time, so its group is
the job's group. cgroup v1 (the `memory` and `pids` hierarchies) is used where it is mounted
read-write; v2 where our own group can delegate both controllers. Groups are only ever made
below the groups this process already is in, never elsewhere in the tree.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from sandbox.results import SandboxError

ROOT = Path("/sys/fs/cgroup")
PREFIX = "declean-"


def own_groups() -> dict[str, str]:
    """Controller name (or "" for v2) -> our group's path in that hierarchy."""
    groups = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return {}
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for name in controllers.split(",") if controllers else [""]:
            groups[name] = path
    return groups


@dataclass(frozen=True)
class Layout:
    """Where per-job groups go: the parent dir of each controller's groups and the version."""

    version: int
    memory: Path
    pids: Path


def layout() -> Layout | str:
    """Where this process may make job groups, or why it may not."""
    groups = own_groups()
    memory, pids = groups.get("memory"), groups.get("pids")
    if memory is not None and pids is not None:
        parents = ROOT / "memory" / memory.lstrip("/"), ROOT / "pids" / pids.lstrip("/")
        if all(os.access(parent, os.W_OK) for parent in parents):
            return Layout(1, *parents)
        return "cgroup v1 memory/pids are mounted but not writable (run as root)"
    if "" in groups:
        for mount in (ROOT, ROOT / "unified"):
            parent = mount / groups[""].lstrip("/")
            controllers = _read(parent / "cgroup.controllers").split()
            if {"memory", "pids"} <= set(controllers) and os.access(parent, os.W_OK):
                return Layout(2, parent, parent)
        return "cgroup v2 has no memory and pids controllers for our group"
    return "no cgroup hierarchy is mounted"


def unavailable_reason() -> str | None:
    found = layout()
    return found if isinstance(found, str) else None


class JobGroup:
    """The memory and pids groups of one worker slot."""

    def __init__(self, where: Layout, name: str, memory_bytes: int, max_tasks: int) -> None:
        self.version = where.version
        base = f"{PREFIX}{os.getpid()}"
        self.dirs = [where.memory / base / name]
        if where.version == 1:
            self.dirs.append(where.pids / base / name)
        try:
            if where.version == 2:
                _enable_controllers(where.memory, where.memory / base)
            for directory in self.dirs:
                directory.mkdir(parents=True, exist_ok=True)
            if where.version == 1:
                memory, pids = self.dirs
                _write(memory / "memory.limit_in_bytes", memory_bytes)
                with contextlib.suppress(OSError):  # only with swap accounting
                    _write(memory / "memory.memsw.limit_in_bytes", memory_bytes)
                _write(pids / "pids.max", max_tasks)
            else:
                (group,) = self.dirs
                _write(group / "memory.max", memory_bytes)
                _write(group / "memory.swap.max", 0)
                _write(group / "pids.max", max_tasks)
        except OSError as exc:
            self.remove()
            raise SandboxError(f"cannot make the job cgroup {self.dirs[0]}: {exc}") from exc

    @property
    def procs_files(self) -> list[Path]:
        """Write a pid to each to put that process (and what it starts) in the group."""
        return [directory / "cgroup.procs" for directory in self.dirs]

    @property
    def oom_file(self) -> Path:
        """Counts the group's OOM kills (`oom_kill N`)."""
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        return self.dirs[0] / name

    def tasks(self) -> list[int]:
        return [int(pid) for pid in _read(self.procs_files[-1]).split()]

    def kill(self) -> None:
        """SIGKILL every process in the group until none is left (a fork race needs rounds)."""
        for _ in range(200):
            pids = self.tasks()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        self.kill()
        for directory in self.dirs:
            with contextlib.suppress(OSError):
                directory.rmdir()


def remove_stale(where: Layout) -> None:
    """Groups of declean processes that died without cleaning up, their processes killed."""
    parents = {where.memory, where.pids}
    for parent in parents:
        for base in parent.glob(f"{PREFIX}*"):
            pid = base.name.removeprefix(PREFIX)
            if not pid.isdigit() or Path(f"/proc/{pid}").exists() or base.is_symlink():
                continue
            for group in [*base.iterdir(), base]:
                if group.is_dir() and not group.is_symlink():
                    for task in _read(group / "cgroup.procs").split():
                        with contextlib.suppress(ProcessLookupError, ValueError):
                            os.kill(int(task), signal.SIGKILL)
                    with contextlib.suppress(OSError):
                        group.rmdir()


def _enable_controllers(parent: Path, base: Path) -> None:
    base.mkdir(exist_ok=True)
    for directory in (parent, base):
        enabled = set(_read(directory / "cgroup.subtree_control").split())
        if not {"memory", "pids"} <= enabled:
            _write(directory / "cgroup.subtree_control", "+memory +pids")


def _write(path: Path, value: object) -> None:
    path.write_text(f"{value}\n")


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""
