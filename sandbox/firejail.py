"""Firejail backend: one warm jail per worker slot, on a tmpfs of its own, in cgroups of its own.

The jail gets no network, a read-only root, its own IPC namespace with SysV IPC capped and bound
to its processes (`ipc.py`), private /dev and /etc, no /dev/shm, /var or /proc/cmdline, and
every top-level directory blacklisted except the toolchain (/usr, /lib*, ...). Its only writable
places, home (the work dirs) and /tmp, are one size- and inode-limited tmpfs per slot, so
everything a job writes counts against one budget. The slot's memory and pids cgroups bound all
its processes together.

Job inputs sit in `jobs/` on that tmpfs, root's and mode 0700: the program can neither read
nor replace them. After each job the runner removes its traces and reports what is left; the
host also checks that the tmpfs holds exactly the inodes and blocks it held before the job.
A slot that is not back to that state is thrown away (jail killed, tmpfs unmounted) and made
anew, never reused dirty. Keeping the jail warm saves firejail's and python's start-up on every
job (docs/measurements.md, "Sandbox costs"). Needs root: the runner inside switches to the job's
unprivileged uid.
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

from sandbox import cgroups, ipc
from sandbox.base import RUNNER, Sandbox, free_space
from sandbox.config import SandboxConfig
from sandbox.results import ProgramResult, SandboxError

PYTHON = "/usr/bin/python3"
GCC = "/usr/bin/gcc"
# Visible (read-only) inside the jail: what gcc, ld, python3 and the dynamic loader need.
KEEP = {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/proc", "/dev"}
KEEP |= {"/tmp", "/sys", "/run/firejail"}
# Inside what is kept, what a program has no need to see.
HIDE = ["/dev/shm", "/proc/cmdline", "/sys/fs"]
PRIVATE_ETC = "ld.so.cache,ld.so.conf,ld.so.conf.d"
CAPS = "chown,setuid,setgid,kill"
# On top of firejail's default list: io_uring bypasses the syscall filter, POSIX message queues
# live outside any directory the runner could empty.
DENY = "io_uring_setup,io_uring_enter,io_uring_register,mq_open,mq_unlink,mq_timedsend"
AREA_PREFIX = "declean-firejail-"
HOST_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
# Puts the jail's first process (and so all of it) in the slot's groups before firejail starts.
JOIN_GROUPS = (
    'for f in "$@"; do case $f in --) shift; break;; esac; echo $$ >"$f" || exit 97; '
    'shift; done; exec "$@"'
)
START_S = 20


def firejail_unavailable_reason() -> str | None:
    """None when this backend can run here, else why not and what to do."""
    if shutil.which("firejail") is None:
        return "firejail is not installed (apt-get install firejail)"
    if shutil.which("nsenter") is None:
        return "nsenter is missing (apt-get install util-linux)"
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
        self._blacklist = [*_blacklist(self._home), *HIDE]
        where = cgroups.layout()
        self._cgroups = where if isinstance(where, cgroups.Layout) else None
        self.job_limits = "cgroup" if self._cgroups else f"per process only ({where})"
        _remove_stale_areas()
        if self._cgroups:
            cgroups.remove_stale(self._cgroups)
        self._area = Path(tempfile.mkdtemp(prefix=f"{AREA_PREFIX}{os.getpid()}-"))
        self._area.chmod(0o711)
        self._made = 0

    def _run_in_slot(
        self, source: str, stdins: list[str], uid: int, cflags: list[str]
    ) -> ProgramResult:
        index = uid - self._uid_base
        slot = self._live.get(index)
        if not isinstance(slot, _Slot) or not slot.jail.alive():
            self._drop(index)
            slot = self._live[index] = self._new_slot(index)
        job_id = uuid.uuid4().hex
        job_dir = slot.home / "jobs" / job_id
        job_dir.mkdir(mode=0o700)
        try:
            self._write_job(job_dir, source, stdins, uid, cflags, **slot.job_extra(self._home))
            answer = slot.jail.ask(job_id, self._budget_s(len(stdins)) + 30)
            result, dirty = self._parse(answer, slot.jail.log_tail(), 0)
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)
        if dirty or not slot.restored():
            self._drop(index)
        return result

    def _new_slot(self, index: int) -> _Slot:
        self._made += 1
        home = self._area / f"slot-{index}-{self._made}"
        group = None
        if self._cgroups:
            group = cgroups.JobGroup(
                self._cgroups, home.name, self._budget_bytes(), self.config.limits.max_procs + 8
            )
        try:
            return _Slot(home, self.config, group, self._argv(home), self._budget_bytes())
        except BaseException:
            if group is not None:
                group.remove()
            raise

    def _budget_bytes(self) -> int:
        """Memory of the slot's group: the program, its files on the tmpfs, and the runner."""
        limits = self.config.limits
        return (limits.memory_mb + limits.work_dir_mb + 32) << 20

    def _argv(self, home: Path) -> list[str]:
        inside = self._home
        return [
            "firejail", "--quiet", "--noprofile", f"--private={home}", "--net=none",
            "--read-only=/", f"--bind={home}/tmp,/tmp", "--private-dev", "--ipc-namespace",
            f"--private-etc={PRIVATE_ETC}", "--nonewprivs", f"--caps.keep={CAPS}",
            f"--seccomp={DENY}", "--protocol=unix",
            *(f"--blacklist={path}" for path in self._blacklist),
            PYTHON, "-I", "-S", f"{inside}/.runner.py", "serve", f"{inside}/jobs",
            f"{inside}/work",
        ]  # fmt: skip

    def traces(self) -> list[str]:
        left = super().traces()
        served = {slot.home.name for slot in self._live.values()}  # type: ignore[attr-defined]
        for path in self._area.iterdir():
            if path.name not in served and path.suffix != ".log":
                left.append(f"{path}: a slot area nobody serves")
        return left

    def _close_backend(self) -> None:
        self._close_slots()
        shutil.rmtree(self._area, ignore_errors=True)


class _Slot:
    """One worker slot: its tmpfs, its cgroups, and the warm jail serving from them."""

    def __init__(
        self,
        home: Path,
        config: SandboxConfig,
        group: cgroups.JobGroup | None,
        argv: list[str],
        budget_bytes: int,
    ) -> None:
        self.home = home
        self.group = group
        self._log = home.with_name(home.name + ".log")
        home.mkdir(mode=0o711)
        limits = config.limits
        # Room for the job's files plus its inputs and the runner.
        options = f"size={limits.work_dir_mb + 2}m,nr_inodes={limits.max_files + 64},mode=0711"
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "declean-sandbox", str(home)],
            check=False,
            capture_output=True,
            text=True,
        )
        if mounted.returncode != 0:
            home.rmdir()
            raise SandboxError(f"cannot mount the slot tmpfs at {home}: {mounted.stderr.strip()}")
        try:
            for name, mode in (("jobs", 0o700), ("work", 0o711), ("tmp", 0o1777)):
                (home / name).mkdir()
                (home / name).chmod(mode)
            shutil.copyfile(RUNNER, home / ".runner.py")
            if group is not None:
                # The runner reads its group's OOM count; the file is bound read-only at home.
                (home / ".oom").touch()
                _mount_bind(group.oom_file, home / ".oom")
                argv = [
                    "/bin/sh",
                    "-c",
                    JOIN_GROUPS,
                    "sh",
                    *map(str, group.procs_files),
                    "--",
                    *argv,
                ]
            self.jail = _Jail(argv, self._log)
            self.jail.ask("ping", START_S)
            # firejail makes the jail's IPC namespace itself (always, as root), with the
            # kernel's defaults: ours go in once it is up, before its first job.
            ipc.apply(self.jail.pid, ipc.sysctls(budget_bytes, group is not None))
            self.baseline = free_space(home)
            # firejail's own processes and the runner, once up: anything more is a job's.
            self.base_tasks = len(group.tasks()) if group is not None else 0
        except BaseException:
            self.destroy()
            raise

    def job_extra(self, inside: str) -> dict[str, object]:
        return {"scratch": ["/tmp"], "oom_file": f"{inside}/.oom" if self.group else None}

    def restored(self) -> bool:
        """Back to what the slot held before its first job, by the kernel's own counts."""
        return free_space(self.home) == self.baseline and not self._stray_tasks()

    def _stray_tasks(self) -> bool:
        return self.group is not None and len(self.group.tasks()) > self.base_tasks

    def traces(self) -> list[str]:
        left = []
        if (now := free_space(self.home)) != self.baseline:
            left.append(f"{self.home}: free inodes/blocks {now} != {self.baseline}")
        for place in ("jobs", "work", "tmp"):
            with contextlib.suppress(OSError):
                left += [f"{self.home}/{place}/{name}" for name in os.listdir(self.home / place)]
        if self._stray_tasks():
            left.append(f"{self.home}: tasks {self.group.tasks()}")  # type: ignore[union-attr]
        return left

    def destroy(self) -> None:
        jail = getattr(self, "jail", None)
        if jail is not None:
            jail.stop()
        if self.group is not None:
            self.group.remove()
        # Lazy: detaches the tmpfs and the bind on it even while a dying process holds them.
        subprocess.run(["umount", "-l", "-R", str(self.home)], check=False, capture_output=True)
        with contextlib.suppress(OSError):
            self.home.rmdir()
        with contextlib.suppress(OSError):
            self._log.unlink()


class _Jail:
    """One warm jail serving one worker slot: a job id in on stdin, one JSON line out."""

    def __init__(self, argv: list[str], log: Path) -> None:
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

    @property
    def pid(self) -> int:
        return self._proc.pid

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


def _mount_bind(source: Path, target: Path) -> None:
    done = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(source), str(target)],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SandboxError(f"cannot bind {source} at {target}: {done.stderr.strip()}")


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


def _remove_stale_areas() -> None:
    """Job areas of sandboxes whose process died without `close()`; never through a link."""
    for area in Path(tempfile.gettempdir()).glob(f"{AREA_PREFIX}*"):
        pid = area.name.removeprefix(AREA_PREFIX).split("-")[0]
        if area.is_symlink() or not area.is_dir():
            continue
        if not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue
        # Only what the kernel lists as mounted under the area, deepest first, and never a path
        # resolved through a link (`-c`: no canonicalisation).
        for mount in sorted(_mounts_under(area), key=len, reverse=True):
            subprocess.run(["umount", "-l", "-c", mount], check=False, capture_output=True)
        shutil.rmtree(area, ignore_errors=True)


def _mounts_under(area: Path) -> list[str]:
    prefix = f"{area}/"
    found = []
    with contextlib.suppress(OSError), open("/proc/self/mountinfo") as fh:
        for line in fh:
            point = line.split()[4].encode().decode("unicode_escape")
            if point.startswith(prefix):
                found.append(point)
    return found
