"""Firejail backend: one warm jail per worker slot, its slot dir as the only writable home.

The jail gets no network, a read-only root, private /tmp, /dev and /etc, and every top-level
directory blacklisted except the toolchain (/usr, /lib*, ...). The runner serves one job at a
time (a fresh dir per job, emptied and removed after it); keeping the jail warm saves firejail's
and python's start-up, ~100 ms a job. Jobs live on a tmpfs mounted for this sandbox, so a
program's files are bounded in size and count. Needs root: the runner inside
switches to the job's unprivileged uid, which is what makes RLIMIT_NPROC bind.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import select
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from sandbox.base import RUNNER, Sandbox
from sandbox.config import SandboxConfig
from sandbox.results import ProgramResult, SandboxError

PYTHON = "/usr/bin/python3"
GCC = "/usr/bin/gcc"
# Visible (read-only) inside the jail: what gcc, ld, python3 and the dynamic loader need.
KEEP = {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/proc", "/dev"}
KEEP |= {"/tmp", "/sys", "/run/firejail"}
PRIVATE_ETC = "ld.so.cache,ld.so.conf,ld.so.conf.d"
CAPS = "chown,setuid,setgid,kill"
AREA_PREFIX = "declean-firejail-"
HOST_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}


def firejail_unavailable_reason() -> str | None:
    """None when this backend can run here, else why not and what to do."""
    if shutil.which("firejail") is None:
        return "firejail is not installed (apt-get install firejail)"
    if os.geteuid() != 0:
        return "firejail backend needs root (to run programs under unprivileged uids); use docker"
    for tool, package in ((PYTHON, "python3"), (GCC, "gcc")):
        if not os.access(tool, os.X_OK):
            return f"{tool} is missing (apt-get install {package})"
    return None


class FirejailSandbox(Sandbox):
    name = "firejail"

    def __init__(self, config: SandboxConfig) -> None:
        reason = firejail_unavailable_reason()
        if reason:
            raise SandboxError(f"firejail backend unavailable: {reason}")
        super().__init__(config)
        self._home = pwd.getpwuid(0).pw_dir
        self._blacklist = _blacklist(self._home)
        _remove_stale_areas()
        self._area = Path(tempfile.mkdtemp(prefix=f"{AREA_PREFIX}{os.getpid()}-"))
        self._mounted = _mount_tmpfs(self._area, config)
        self._area.chmod(0o711)
        self._jails: dict[int, _Jail] = {}

    def _run_in_slot(self, source: str, stdins: list[str], uid: int) -> ProgramResult:
        slot = uid - self._uid_base
        jail = self._jails.get(slot)
        if jail is None or not jail.alive():
            jail = self._jails[slot] = self._start_jail(slot)
        job_id = uuid.uuid4().hex
        job_dir = jail.home / job_id
        job_dir.mkdir(mode=0o700)
        try:
            self._write_job(job_dir, source, stdins, uid)
            try:
                answer = jail.ask(job_id, self._budget_s(len(stdins)) + 30)
            except SandboxError:
                jail.stop()
                raise
            return self._parse(answer, jail.log_tail(), 0)
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)

    def _start_jail(self, slot: int) -> _Jail:
        home = self._area / f"slot-{slot}"
        home.mkdir(mode=0o711, exist_ok=True)
        shutil.copyfile(RUNNER, home / ".runner.py")
        inside = self._home
        argv = [
            "firejail", "--quiet", "--noprofile", f"--private={home}", "--net=none",
            "--read-only=/", "--private-tmp", "--private-dev", f"--private-etc={PRIVATE_ETC}",
            "--nonewprivs", f"--caps.keep={CAPS}", "--seccomp",
            *(f"--blacklist={path}" for path in self._blacklist),
            PYTHON, "-I", "-S", f"{inside}/.runner.py", "serve", inside, inside,
        ]  # fmt: skip
        return _Jail(argv, home, self._area / f"slot-{slot}.log")

    def _close_backend(self) -> None:
        for jail in self._jails.values():
            jail.stop()
        self._jails.clear()
        if self._mounted:
            subprocess.run(["umount", "-l", str(self._area)], check=False, capture_output=True)
        shutil.rmtree(self._area, ignore_errors=True)


class _Jail:
    """One warm jail serving one worker slot: a job id in on stdin, one JSON line out."""

    def __init__(self, argv: list[str], home: Path, log: Path) -> None:
        self.home = home
        self._log = log
        with log.open("wb") as log_file:
            self._proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=HOST_ENV,
                start_new_session=True,
            )
        self._pending = b""

    def alive(self) -> bool:
        return self._proc.poll() is None

    def ask(self, job_id: str, timeout_s: float) -> bytes:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        try:
            self._proc.stdin.write(job_id.encode() + b"\n")
            self._proc.stdin.flush()
        except BrokenPipeError:
            raise SandboxError(f"the firejail jail died: {self._tail()}") from None
        deadline = time.monotonic() + timeout_s
        fd = self._proc.stdout.fileno()
        while b"\n" not in self._pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SandboxError(f"firejail job overran its {timeout_s:.0f} s budget")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    code = self._proc.wait()
                    raise SandboxError(f"the firejail jail exited (code {code}): {self._tail()}")
                self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line

    def log_tail(self) -> bytes:
        try:
            return self._log.read_bytes()[-2000:]
        except OSError:
            return b""

    def _tail(self) -> str:
        return self.log_tail().decode(errors="replace").strip() or "no log output"

    def stop(self) -> None:
        if self._proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGKILL)
        self._proc.wait()
        for pipe in (self._proc.stdin, self._proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


def _blacklist(home: str) -> list[str]:
    """Every sibling of a path we keep, walking from / down to each kept path."""
    keep = {*KEEP, home}
    wanted = {str(Path(path)) for path in keep}
    prefixes = {str(parent) for path in wanted for parent in Path(path).parents} | wanted
    hidden: list[str] = []
    for directory in sorted(prefixes):
        if directory in wanted:
            continue
        try:
            entries = sorted(os.listdir(directory))
        except OSError:
            continue
        for entry in entries:
            path = os.path.join(directory, entry)
            if path not in prefixes:
                hidden.append(path)
    return hidden


def _mount_tmpfs(area: Path, config: SandboxConfig) -> bool:
    limits = config.limits
    options = (
        f"size={config.workers * limits.work_dir_mb}m,"
        f"nr_inodes={config.workers * (limits.max_files + 16)},mode=0711"
    )
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "declean-sandbox", str(area)],
        check=False,
        capture_output=True,
    )
    return done.returncode == 0


def _remove_stale_areas() -> None:
    """Job areas of sandboxes whose process died without `close()`."""
    for area in Path(tempfile.gettempdir()).glob(f"{AREA_PREFIX}*"):
        pid = area.name.removeprefix(AREA_PREFIX).split("-")[0]
        if not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue
        subprocess.run(["umount", "-l", str(area)], check=False, capture_output=True)
        shutil.rmtree(area, ignore_errors=True)
