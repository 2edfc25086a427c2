"""The in-sandbox job runner: compile one C file, run it once per stdin case, answer one JSON line.

It runs *inside* the jail or container (stdlib only) as a root with only CHOWN/SETUID/SETGID/KILL
capabilities, and starts gcc and the program under the job's own unprivileged uid. The uid split
is what makes the limits hold: RLIMIT_NPROC binds a non-root uid, `kill(-1)` from that uid reaches
every process the job left (daemons included) and nothing else, and the program cannot signal or
trace the runner.

    python3 -I -S runner.py serve JOBS_ROOT WORK_ROOT   # one job id per stdin line (warm)
    python3 -I -S runner.py JOB_DIR WORK_DIR            # one job

A job dir holds job.json, main.c and stdin-0..N-1. It is the host's: root-owned, never writable
or even searchable by the program, so what the runner reads there (job.json, each case's stdin)
is what the host wrote. The work dir is a fresh dir of the program's own, made for the job and
removed after it together with everything the job left in the scratch places, the SysV IPC
objects and POSIX message queues of its uid, and its processes; what is still there afterwards
is reported as `dirty`, and the host then replaces the whole slot instead of reusing it.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import selectors
import shutil
import signal
import stat
import subprocess
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds of start-up we do not need at run time
    from collections.abc import Callable
    from typing import BinaryIO

CLEAN_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C"}
COMPILE_FILE_BYTES = 64 << 20
PR_SET_CHILD_SUBREAPER = 36
IPC_RMID = 0
MQUEUE_DIR = "/dev/mqueue"
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
# How long the processes of a job may take to die once killed. A time, not a number of rounds
# (it was 100): how long rounds last depends on the machine's load, and so did how long a
# killed process had to get the CPU it needs to exit. What is still alive then makes the slot go.
KILL_WAIT_S = 5.0


def serve(jobs_root: str, work_root: str) -> None:
    become_subreaper()
    for line in sys.stdin:
        job_id = line.strip()
        if job_id == "ping":  # the host waits for the jail to be up before its first job
            answer({"pong": True})
            continue
        if not job_id.isalnum():
            answer({"error": f"bad job id {job_id!r}"})
            continue
        try:
            result = run_job(os.path.join(jobs_root, job_id), os.path.join(work_root, job_id))
        except Exception as exc:  # an answer, so the host can say what broke
            result = {"error": f"{type(exc).__name__}: {exc}"}
        answer(result)


def answer(result: dict) -> None:
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def run_job(job_dir: str, work_dir: str) -> dict:
    with open(os.path.join(job_dir, "job.json")) as fh:
        job = json.load(fh)
    uid: int = job["uid"]
    limits: dict = job["limits"]
    scratch: list[str] = job.get("scratch", [])
    oom_file: str | None = job.get("oom_file")
    deadline = time.monotonic() + job["budget_s"]
    result: dict = {"compiled": False, "runs": []}
    try:
        prepare_work_dir(job_dir, work_dir, uid)
        result.update(compile_source(job, work_dir))
        if result["compiled"]:
            for index in range(job["cases"]):
                if time.monotonic() > deadline:
                    break
                stdin_path = os.path.join(job_dir, f"stdin-{index}")
                result["runs"].append(run_case(uid, limits, work_dir, stdin_path, oom_file))
    finally:
        result["dirty"] = clean_up(uid, work_dir, scratch)
    return result


def prepare_work_dir(job_dir: str, work_dir: str, uid: int) -> None:
    # A fresh dir, never one a job could have prepared: mkdir fails if the name exists.
    os.mkdir(work_dir, 0o700)
    shutil.copyfile(os.path.join(job_dir, "main.c"), os.path.join(work_dir, "main.c"))
    os.chown(os.path.join(work_dir, "main.c"), uid, uid)
    # Traversable but not listable by others: we (root without DAC_OVERRIDE) still reach `prog`.
    os.chmod(work_dir, 0o711)
    os.chown(work_dir, uid, uid)


def compile_source(job: dict, work_dir: str) -> dict:
    limits = job["limits"]
    argv = ["/usr/bin/gcc", *job["cflags"], "-o", "prog", "main.c", *job["ldlibs"]]
    rlimits = {
        resource.RLIMIT_AS: limits["compile_memory_mb"] << 20,
        resource.RLIMIT_CPU: int(limits["compile_wall_s"]) + 1,
        resource.RLIMIT_FSIZE: COMPILE_FILE_BYTES,
        resource.RLIMIT_NPROC: limits["max_procs"],
        resource.RLIMIT_CORE: 0,
    }
    env = {**CLEAN_ENV, "TMPDIR": work_dir}
    started = time.monotonic()
    with open(os.devnull, "rb") as devnull:
        out = execute(
            argv,
            job["uid"],
            rlimits,
            env,
            work_dir,
            devnull,
            limits["compile_wall_s"],
            limits["max_output_bytes"],
            merge_stderr=True,
        )
    compiled = out["exit_code"] == 0 and not out["timed_out"]
    compiled = compiled and os.path.exists(os.path.join(work_dir, "prog"))
    return {
        "compiled": compiled,
        "compile_output": out["stdout"],
        "compile_timed_out": out["timed_out"],
        "compile_ms": (time.monotonic() - started) * 1000,
    }


def run_case(uid: int, limits: dict, work_dir: str, stdin_path: str, oom_file: str | None) -> dict:
    # With a job cgroup the job's memory is bounded as a whole (all its processes, its files
    # in memory); the address-space limit then only stops runaway reservations.
    address_space = limits["memory_mb"] << (22 if oom_file else 20)
    rlimits = {
        resource.RLIMIT_AS: address_space,
        resource.RLIMIT_CPU: (int(limits["run_cpu_s"] + 0.999), int(limits["run_cpu_s"]) + 2),
        resource.RLIMIT_FSIZE: limits["max_file_bytes"],
        resource.RLIMIT_NPROC: limits["max_procs"],
        resource.RLIMIT_NOFILE: limits["max_open_files"],
        resource.RLIMIT_CORE: 0,
    }
    kills_before = oom_kills(oom_file)
    with open(stdin_path, "rb") as stdin:
        out = execute(
            [os.path.join(work_dir, "prog")],
            uid,
            rlimits,
            {},
            work_dir,
            stdin,
            limits["run_wall_s"],
            limits["max_output_bytes"],
            merge_stderr=False,
        )
    sig = out["signal"]
    # RLIMIT_CPU ends a program with SIGXCPU (soft) or SIGKILL (hard): both are a time-out.
    cpu_out = sig == signal.SIGXCPU or (
        sig == signal.SIGKILL and out["cpu_s"] >= limits["run_cpu_s"]
    )
    if oom_file:  # the kernel's own count of the job group's OOM kills, not a guess
        out["memory_exceeded"] = oom_kills(oom_file) > kills_before
    else:
        failed = out["exit_code"] != 0
        out["memory_exceeded"] = failed and out["maxrss_bytes"] >= 0.75 * address_space
    out["timed_out"] = out["timed_out"] or cpu_out
    del out["cpu_s"], out["maxrss_bytes"]
    return out


def execute(
    argv: list[str],
    uid: int,
    rlimits: dict,
    env: dict,
    cwd: str,
    stdin: BinaryIO,
    wall_s: float,
    cap: int,
    merge_stderr: bool,
) -> dict:
    started = time.monotonic()
    try:
        proc = start(argv, stdin, cwd, env, limiter(uid, rlimits), merge_stderr)
    except OSError as exc:  # e.g. an earlier case took away its own work dir's permissions
        return not_started(exc, started)
    streams = (
        {"stdout": proc.stdout} if merge_stderr else {"stdout": proc.stdout, "stderr": proc.stderr}
    )
    output = Output(proc.pid, streams, cap)
    status = output.read_until_exit(started + wall_s)
    timed_out = status is None
    if status is None:
        os.killpg(proc.pid, signal.SIGKILL)
        status = reap(proc.pid)
    # Whatever the program left behind dies now, so the pipes reach EOF even when a daemon
    # inherited them.
    kill_uid(uid)
    output.drain()
    output.close()
    for stream in streams.values():
        stream.close()
    return finished(proc, status, output, timed_out, started)


def limiter(uid: int, rlimits: dict) -> Callable[[], None]:
    """What the child runs before exec: first in line for the OOM killer, the job's uid, and
    the job's limits."""

    def limit_self() -> None:
        # When the job's group runs out of memory, the kernel kills the program, not us. Only
        # while still root: once the uid changes, the process is not dumpable, its /proc files
        # are root's, and the write was refused (the kernel logged oom_score_adj 0 for it).
        with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as fh:
            fh.write("1000")
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        for kind, value in rlimits.items():
            soft, hard = value if isinstance(value, tuple) else (value, value)
            resource.setrlimit(kind, (soft, hard))

    return limit_self


def not_started(exc: OSError, started: float) -> dict:
    return {
        "exit_code": 126,
        "signal": None,
        "stdout": "",
        "stderr": f"cannot start the program: {exc.strerror}",
        "timed_out": False,
        "output_truncated": False,
        "wall_ms": (time.monotonic() - started) * 1000,
        "cpu_s": 0.0,
        "maxrss_bytes": 0,
    }


def finished(
    proc: subprocess.Popen,
    status: tuple[int, resource.struct_rusage],
    output: Output,
    timed_out: bool,
    started: float,
) -> dict:
    wait_status, usage = status
    exit_code = os.waitstatus_to_exitcode(wait_status)
    proc.returncode = exit_code
    return {
        "exit_code": exit_code if exit_code >= 0 else None,
        "signal": -exit_code if exit_code < 0 else None,
        "stdout": output.text("stdout"),
        "stderr": output.text("stderr"),
        "timed_out": timed_out,
        "output_truncated": output.truncated,
        "wall_ms": (time.monotonic() - started) * 1000,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "maxrss_bytes": usage.ru_maxrss * 1024,
    }


class Output:
    """A running program's pipes, read into buffers capped at `cap` bytes each, and its
    pidfd, which becomes readable when it exits."""

    def __init__(self, pid: int, streams: dict, cap: int) -> None:
        self.pid = pid
        self.cap = cap
        self.buffers = {name: bytearray() for name in streams}
        self.truncated = False
        self.sel = selectors.DefaultSelector()
        for name, stream in streams.items():
            os.set_blocking(stream.fileno(), False)
            self.sel.register(stream, selectors.EVENT_READ, name)
        self.pidfd = os.pidfd_open(pid)
        self.sel.register(self.pidfd, selectors.EVENT_READ, None)

    def read_until_exit(self, deadline: float) -> tuple[int, resource.struct_rusage] | None:
        """The program's wait status once it exits, or None when the deadline came first."""
        status = None
        while status is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            for key, _ in self.sel.select(remaining):
                if key.data is None:
                    status = reap(self.pid)
                    self.sel.unregister(self.pidfd)
                else:
                    self.read(key)
        return status

    def read(self, key: selectors.SelectorKey) -> None:
        chunk = os.read(key.fd, 65536)
        if chunk:
            self.keep(key.data, chunk)
        else:
            self.sel.unregister(key.fileobj)

    def keep(self, name: str, chunk: bytes) -> None:
        room = self.cap - len(self.buffers[name])
        self.truncated = self.truncated or len(chunk) > room
        self.buffers[name] += chunk[: max(room, 0)]

    def drain(self) -> None:
        """What is still in the pipes once every process of the job is dead."""
        for key in list(self.sel.get_map().values()):
            if key.data is None:
                continue
            while chunk := read_rest(key.fd):
                self.keep(key.data, chunk)

    def close(self) -> None:
        self.sel.close()
        os.close(self.pidfd)

    def text(self, name: str) -> str:
        return bytes(self.buffers.get(name, b"")).decode("utf-8", "backslashreplace")


def start(
    argv: list[str],
    stdin: BinaryIO,
    cwd: str,
    env: dict,
    limit_self: Callable[[], None],
    merge_stderr: bool,
) -> subprocess.Popen:
    return subprocess.Popen(
        argv,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,
        preexec_fn=limit_self,
        close_fds=True,
    )


def read_rest(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except BlockingIOError:
        return b""


def reap(pid: int) -> tuple[int, resource.struct_rusage]:
    try:
        _, status, usage = os.wait4(pid, 0)
    except ChildProcessError:  # already reaped elsewhere: report it as killed
        return signal.SIGKILL, resource.getrusage(resource.RUSAGE_CHILDREN)
    return status, usage


def as_uid(uid: int, action: Callable[[], None]) -> int:
    """Run `action` in a child that became `uid`, to signal or delete only that uid's things;
    its exit status (0 when the action finished)."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            action()
        except BaseException:
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


def kill_uid(uid: int) -> None:
    """SIGKILL every process of the job's uid, again until none is alive (fork bombs race)."""

    def kill_all() -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)

    deadline = time.monotonic() + KILL_WAIT_S
    while True:
        as_uid(uid, kill_all)
        reap_orphans()
        if not live_processes(uid) or time.monotonic() > deadline:
            return
        time.sleep(0.005)


def live_processes(uid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        if int(fields["Uid"].split()[0]) == uid and not fields["State"].strip().startswith("Z"):
            found.append(int(name))
    return found


def reap_orphans() -> None:
    # We are a child subreaper: orphaned daemons land here and must not stay zombies, which
    # would keep counting against the uid's RLIMIT_NPROC.
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def become_subreaper() -> None:
    with contextlib.suppress(ImportError, OSError, AttributeError):
        _libc().prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # type: ignore[attr-defined]


def oom_kills(oom_file: str | None) -> int:
    """OOM kills so far in the job's memory cgroup (v1 memory.oom_control, v2 memory.events)."""
    if not oom_file:
        return 0
    try:
        with open(oom_file) as fh:
            for line in fh:
                key, _, value = line.partition(" ")
                if key == "oom_kill":
                    return int(value)
    except (OSError, ValueError):
        pass
    return 0


def clean_up(uid: int, work_dir: str, scratch: list[str]) -> list[str]:
    """Remove every trace of the job, then say what is still there (empty when clean)."""
    kill_uid(uid)
    removed = as_uid(uid, lambda: remove_traces(uid, work_dir, scratch))
    with contextlib.suppress(OSError):  # not empty: reported below, and the slot goes
        os.rmdir(work_dir)  # its parent is root's: only we can remove the emptied dir
    left = [] if removed == 0 else ["the cleanup child failed"]
    if live_processes(uid):
        left.append(f"processes of uid {uid}")
    if os.path.lexists(work_dir):
        left.append(f"work dir {work_dir}")
    for place in (*scratch, MQUEUE_DIR):
        with contextlib.suppress(OSError):
            left += [f"{place}/{name}" for name in os.listdir(place)]
    left += [f"SysV {kind} {ident}" for kind, ident, _ in sysv_objects()]
    return left[:20]


def remove_traces(uid: int, work_dir: str, scratch: list[str]) -> None:
    """As the job's uid: drop its IPC objects, empty its work dir, and remove its entries from
    the scratch places. Iterative and fd-based, so no depth, mode, link or FIFO stops it."""
    libc = _libc()
    remove_ipc(libc, uid)
    failures = 0
    for place, only_own in ((work_dir, False), *((p, True) for p in (*scratch, MQUEUE_DIR))):
        try:
            purge(place, uid if only_own else None)
        except FileNotFoundError:
            continue
        except OSError:
            failures += 1
    if failures:
        raise OSError(f"{failures} places could not be emptied")


def purge(path: str, owner: int | None) -> None:
    """Remove what `path` holds (only `owner`'s entries at its top level when given)."""
    if owner is None and stat.S_ISDIR(os.lstat(path).st_mode):
        os.chmod(path, 0o700)  # the job's own work dir, which it may have made unreadable
    top = os.open(path, DIR_FLAGS)
    try:
        for name in os.listdir(top):
            info = os.stat(name, dir_fd=top, follow_symlinks=False)
            if owner is not None and info.st_uid != owner:
                continue
            if stat.S_ISDIR(info.st_mode):
                remove_tree(top, name)
            else:
                os.unlink(name, dir_fd=top)
    finally:
        os.close(top)


def remove_tree(parent: int, name: str) -> None:
    """Delete the directory `name` in `parent` holding one fd at a time, however deep.

    Only the job's own uid runs this, after all its processes are dead: nothing can swap an
    entry under us, and every chmod is one the owner may make anyway."""
    fd = open_dir(parent, name)
    names = [name]
    pending = [children(fd)]
    while names:
        if pending[-1]:
            child = pending[-1].pop()
            inner = open_dir(fd, child)
            os.close(fd)
            fd = inner
            names.append(child)
            pending.append(children(fd))
            continue
        up = os.open("..", DIR_FLAGS, dir_fd=fd)
        os.close(fd)
        fd = up
        os.rmdir(names.pop(), dir_fd=fd)
        pending.pop()
    os.close(fd)


def open_dir(parent: int, name: str) -> int:
    os.chmod(name, 0o700, dir_fd=parent)  # a dir of mode 000 can be neither listed nor emptied
    return os.open(name, DIR_FLAGS, dir_fd=parent)


def children(fd: int) -> list[str]:
    """Unlink the non-directories in `fd`; return the subdirectories still to empty."""
    subdirs = []
    for name in os.listdir(fd):
        if stat.S_ISDIR(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
            subdirs.append(name)
        else:
            os.unlink(name, dir_fd=fd)
    return subdirs


def sysv_objects() -> list[tuple[str, int, int]]:
    """(kind, id, owner uid) of every SysV shm segment, message queue and semaphore set."""
    found = []
    for kind in ("shm", "msg", "sem"):
        try:
            with open(f"/proc/sysvipc/{kind}") as fh:
                header, *rows = (line.split() for line in fh)
        except (OSError, ValueError):
            continue
        for row in rows:
            fields = dict(zip(header, row, strict=False))
            found.append((kind, int(row[1]), int(fields.get("uid", "-1"))))
    return found


def remove_ipc(libc: object, uid: int) -> None:
    for kind, ident, owner in sysv_objects():
        if owner != uid:
            continue
        if kind == "shm":
            libc.shmctl(ident, IPC_RMID, None)  # type: ignore[attr-defined]
        elif kind == "msg":
            libc.msgctl(ident, IPC_RMID, None)  # type: ignore[attr-defined]
        else:
            libc.semctl(ident, 0, IPC_RMID)  # type: ignore[attr-defined]


def _libc() -> object:
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    else:
        become_subreaper()
        answer(run_job(sys.argv[1], sys.argv[2]))
