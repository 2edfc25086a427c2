"""SysV and POSIX IPC limits for a slot's own IPC namespace.

A slot (jail or container) has an IPC namespace of its own and serves one job at a time, so its
namespace is the job's. The kernel's defaults in a new namespace let one program reserve
terabytes of SysV shared memory and half a gigabyte of message queues, and by default both
outlive the program. Shared memory is charged to the job's memory cgroup when touched, so a
program that filled it and exited left the group full: the next allocation (the runner's own)
was OOM-killed and the slot broke. With `shm_rmid_forced` a segment is destroyed when its last
process detaches or dies, so the program's OOM kill frees it and the job ends as a memory hog;
the caps bound what a job can leave for the runner to remove at all.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sandbox.results import SandboxError

PROC_SYS = Path("/proc/sys")
# Message queues and semaphores live in kernel memory and survive their program until the
# runner removes them: a few, small ones are all a test program needs.
FIXED = {
    "kernel.shm_rmid_forced": "1",
    "kernel.shmmni": "64",
    "kernel.msgmni": "16",
    "kernel.msgmnb": "16384",
    "kernel.msgmax": "8192",
    "kernel.sem": "64 1024 32 16",  # SEMMSL SEMMNS SEMOPM SEMMNI
    # POSIX queues are refused by the seccomp filters already; no queue either if they were not.
    "fs.mqueue.queues_max": "0",
}
RESERVE_FACTOR = 4
# Run in the target's IPC namespace: /proc/sys/kernel/shm* and friends are the writer's own.
WRITE = 'for f in "$@"; do printf "%s\\n" "${f#*=}" >"/proc/sys/${f%%=*}" || exit 98; done'


def sysctls(budget_bytes: int, group_bound: bool) -> dict[str, str]:
    """The IPC settings for a slot whose job may use `budget_bytes` of memory in all, by
    sysctl name; only those this kernel has (a name it lacks would stop the slot starting).

    `group_bound`: a memory cgroup of that size holds the job. Shared memory counts in it once
    touched, so reservations may go past it, like the address-space limit under a group
    (runner.run_case): filling them is the group's OOM kill, the job's `memory_exceeded`, not
    a refusal the program may not even check. Without a group the cap is the budget itself."""
    page = os.sysconf("SC_PAGE_SIZE")
    shm_bytes = budget_bytes * (RESERVE_FACTOR if group_bound else 1)
    shm = {"kernel.shmmax": str(shm_bytes), "kernel.shmall": str(shm_bytes // page)}
    wanted = {**FIXED, **shm}
    return {name: value for name, value in wanted.items() if path(name).exists()}


def path(name: str) -> Path:
    """Where sysctl `name` is read and written (for the IPC namespace of the process)."""
    return PROC_SYS / name.replace(".", "/")


def apply(root: int, settings: dict[str, str]) -> None:
    """Write `settings` into the IPC namespace that process `root` or a descendant of it made
    (root on the host; before any job runs there, so nothing in it can race us)."""
    target = _in_own_namespace(root)
    if target is None:
        raise SandboxError(f"no process under {root} has an IPC namespace of its own")
    writes = [f"{path(name).relative_to(PROC_SYS)}={value}" for name, value in settings.items()]
    done = subprocess.run(
        ["nsenter", f"--target={target}", "--ipc", "--", "/bin/sh", "-c", WRITE, "sh", *writes],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SandboxError(f"cannot set the IPC limits of a slot: {done.stderr.strip()[-300:]}")


def _in_own_namespace(root: int) -> int | None:
    """The first of `root` and its descendants whose IPC namespace is not ours."""
    ours = os.readlink("/proc/self/ns/ipc")
    children = _children()
    pending = [root]
    while pending:
        pid = pending.pop(0)
        try:
            if os.readlink(f"/proc/{pid}/ns/ipc") != ours:
                return pid
        except OSError:
            continue
        pending += children.get(pid, [])
    return None


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, of every process we can see."""
    found: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                # The name in parentheses may hold anything; the fields after it do not.
                fields = fh.read().rpartition(")")[2].split()
        except OSError:
            continue
        found.setdefault(int(fields[1]), []).append(int(entry))
    return found
