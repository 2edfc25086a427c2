"""Docker backend: one warm container per worker slot, served by one warm runner (an open exec).

A slot is a container of its own, so concurrent jobs share no pid or IPC namespace, no files and
no cgroup. A served job costs about what the same compile and run cost on the host, far less
than an exec per job (docs/measurements.md, "Sandbox costs"). The container has no network, a
read-only root,
no /dev/shm, a seccomp profile of ours (`seccomp.json`: docker's default refusals plus io_uring,
AF_VSOCK and message queues), SysV IPC capped and bound to its processes (`ipc.py`), no
capabilities but the four the runner needs to hand programs their own uid, and a memory and pids
cgroup that bound the job as a whole. Its only writable place is one size- and inode-limited
tmpfs `/work` (`/tmp` and `/var/tmp` are links into it), so everything a job writes counts
against one budget. Job inputs come in through a read-only bind mount of a host dir only root
can read. After each job the runner removes its traces and reports what is left, the host checks
the tmpfs's free inodes and blocks against the state before the first job, and a slot that is
not back to it is removed and made anew.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import socket
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from sandbox import ipc
from sandbox.base import RUNNER, Sandbox, free_space
from sandbox.config import SandboxConfig
from sandbox.results import ProgramResult, SandboxError

LABEL = "declean.sandbox"
RUNNER_IN_CONTAINER = "/opt/declean/runner.py"
SECCOMP = Path(__file__).with_name("seccomp.json")
OOM_FILES = {"1": "/sys/fs/cgroup/memory/memory.oom_control", "2": "/sys/fs/cgroup/memory.events"}
HOW_TO_IMAGE = "run `make image` (bash scripts/sandbox-image.sh)"


def docker_unavailable_reason(image: str) -> str | None:
    """None when this backend can run here, else why not and what to do."""
    try:
        import docker
        from docker.errors import DockerException, ImageNotFound
    except ImportError:
        return "the `docker` Python package is missing (pip install docker)"
    try:
        client = docker.from_env(timeout=10)
        client.ping()
    except DockerException as exc:
        return f"no Docker engine answers ({_short(exc)}); start dockerd or {HOW_TO_IMAGE}"
    try:
        client.images.get(image)
    except ImageNotFound:
        return f"image {image} is missing; {HOW_TO_IMAGE}"
    except DockerException as exc:
        return f"cannot inspect image {image}: {_short(exc)}"
    finally:
        client.close()
    return None


class DockerSandbox(Sandbox):
    name = "docker"

    def __init__(self, config: SandboxConfig) -> None:
        reason = docker_unavailable_reason(config.docker_image)
        if reason:
            raise SandboxError(f"docker backend unavailable: {reason}")
        import docker

        super().__init__(config)
        # Reads block until the runner answers; its own budget (plus slack) bounds a job.
        self._client = docker.from_env(timeout=int(self._budget_s(256)) + 60)
        self._jobs = Path(tempfile.mkdtemp(prefix="declean-docker-jobs-"))
        self._start_lock = threading.Lock()
        self._stale_checked = False
        self._seccomp = json.dumps(json.loads(SECCOMP.read_text()))
        version = str(self._client.info().get("CgroupVersion", ""))
        self._oom_file = OOM_FILES.get(version)
        self.job_limits = "cgroup"  # each slot's container is a memory and pids cgroup of its own

    def _run_in_slot(
        self, source: str, stdins: list[str], uid: int, cflags: list[str]
    ) -> ProgramResult:
        from docker.errors import DockerException

        index = uid - self._uid_base
        job_id = uuid.uuid4().hex
        try:
            slot = self._slot(index)
            job_dir = slot.jobs / job_id
            job_dir.mkdir(mode=0o700)
            try:
                extra = {"scratch": ["/work/tmp"], "oom_file": self._oom_file}
                self._write_job(job_dir, source, stdins, uid, cflags, **extra)
                answer = slot.server.ask(job_id, self._budget_s(len(stdins)) + 30)
                result, dirty = self._parse(answer, slot.server.stderr_tail, None)
            finally:
                shutil.rmtree(job_dir, ignore_errors=True)
        except DockerException as exc:
            raise SandboxError(
                f"docker backend failed: {_short(exc)}; is dockerd still running? "
                f"(`declean sandbox check`)"
            ) from exc
        if dirty or not slot.restored():
            self._drop(index)
        return result

    def _slot(self, index: int) -> _Slot:
        slot = self._live.get(index)
        if isinstance(slot, _Slot) and not slot.server.dead:
            return slot
        self._drop(index)
        with self._start_lock:
            if not self._stale_checked:
                self._remove_stale()
                self._stale_checked = True
        jobs = self._jobs / f"slot-{index}-{uuid.uuid4().hex[:8]}"
        jobs.mkdir(mode=0o700)
        container = self._start(jobs)
        slot = self._live[index] = _Slot(container, jobs, self._client.api)
        return slot

    def _start(self, jobs: Path) -> Any:
        from docker.errors import DockerException

        limits = self.config.limits
        memory_mb = limits.memory_mb + limits.work_dir_mb + 64
        tmpfs = f"size={limits.work_dir_mb + 1}m,nr_inodes={limits.max_files + 64},mode=0711,exec"
        try:
            return self._client.containers.run(
                self.config.docker_image,
                ["sleep", "infinity"],
                name=f"declean-sandbox-{os.getpid()}-{uuid.uuid4().hex[:8]}",
                labels={LABEL: "1", f"{LABEL}.pid": str(os.getpid()), f"{LABEL}.host": _host()},
                detach=True,
                init=True,
                # Root with four capabilities; programs get their own uid. (A non-root container
                # user plus no-new-privileges would leave even a root exec with no capabilities.)
                user="0:0",
                network_mode="none",
                ipc_mode="none",  # an IPC namespace of its own, with no /dev/shm
                sysctls=ipc.sysctls(memory_mb << 20, group_bound=True),
                read_only=True,
                cap_drop=["ALL"],
                cap_add=["CHOWN", "SETUID", "SETGID", "KILL"],
                security_opt=["no-new-privileges", f"seccomp={self._seccomp}"],
                pids_limit=limits.max_procs + 16,
                mem_limit=f"{memory_mb}m",
                memswap_limit=f"{memory_mb}m",
                tmpfs={"/work": tmpfs},
                volumes={
                    str(jobs): {"bind": "/jobs", "mode": "ro"},
                    str(RUNNER): {"bind": RUNNER_IN_CONTAINER, "mode": "ro"},
                },
                environment={},
            )
        except DockerException as exc:
            raise SandboxError(f"cannot start a sandbox container: {_short(exc)}") from exc

    def _remove_stale(self) -> None:
        """Containers left by a process of ours that died without `close()`."""
        for container in self._client.containers.list(all=True, filters={"label": LABEL}):
            labels = container.labels
            pid = labels.get(f"{LABEL}.pid", "")
            mine = labels.get(f"{LABEL}.host") == _host() and pid.isdigit()
            if mine and not Path(f"/proc/{pid}").exists():
                container.remove(force=True)

    def _close_backend(self) -> None:
        self._close_slots()
        self._client.close()
        shutil.rmtree(self._jobs, ignore_errors=True)


class _Slot:
    """One worker slot: its container, the host dir of its job inputs, and its warm runner."""

    def __init__(self, container: Any, jobs: Path, api: Any) -> None:
        self.container = container
        self.jobs = jobs
        try:
            container.reload()
            # The host reaches the container's tmpfs through its first process's root: made
            # here, before any job, by a root the job cannot reach.
            self._work = Path(f"/proc/{container.attrs['State']['Pid']}/root/work")
            for name, mode in (("run", 0o711), ("tmp", 0o1777)):
                (self._work / name).mkdir()
                (self._work / name).chmod(mode)
            self.server = _Server(api, container.id, "/work/run")
            self.server.ask("ping", 20)
            self.baseline = free_space(self._work)
        except BaseException:
            self.destroy()
            raise

    def restored(self) -> bool:
        """The tmpfs holds what it held before the first job, by the kernel's own counts."""
        try:
            return free_space(self._work) == self.baseline
        except OSError:
            return False

    def traces(self) -> list[str]:
        left = [] if self.restored() else [f"{self.container.name}: /work usage changed"]
        from docker.errors import DockerException

        try:
            _, out = self.container.exec_run(
                ["sh", "-c", "ls -A /work/run /work/tmp /dev/mqueue; cat /proc/sysvipc/*"],
                user="0:0",
            )
        except DockerException as exc:
            return [*left, f"{self.container.name}: cannot look inside ({_short(exc)})"]
        for line in out.decode(errors="replace").splitlines():
            words = line.split()
            if line and not line.endswith(":") and words[0] not in {"key", "ls:"}:
                left.append(f"{self.container.name}: {line.strip()}")
        return left

    def destroy(self) -> None:
        from docker.errors import DockerException

        server = getattr(self, "server", None)
        if server is not None:
            server.stop()
        with contextlib.suppress(DockerException):
            self.container.remove(force=True)
        shutil.rmtree(self.jobs, ignore_errors=True)


class _Server:
    """One warm runner per worker slot: `docker exec -i` kept open, a job id in, a JSON line out.

    Exec-ing per job pays API round trips, runc and python start-up each time; a served job costs
    one write and one read on the hijacked exec socket, whose output is docker's multiplexed
    stream: 8-byte frame headers (stream id, size) before each chunk.
    """

    def __init__(self, api: Any, container_id: str, work_root: str) -> None:
        cmd = ["python3", "-I", "-S", RUNNER_IN_CONTAINER, "serve", "/jobs", work_root]
        exec_id = api.exec_create(
            container_id,
            cmd,
            stdin=True,
            stdout=True,
            stderr=True,
            user="0:0",
            environment={"PATH": "/usr/bin:/bin"},
        )["Id"]
        self._io = api.exec_start(exec_id, socket=True)
        self._sock: socket.socket = getattr(self._io, "_sock", self._io)
        self._raw = b""
        self._stdout = b""
        self.stderr_tail = b""
        self.dead = False

    def ask(self, job_id: str, timeout_s: float) -> bytes:
        deadline = time.monotonic() + timeout_s
        try:
            self._sock.sendall(job_id.encode() + b"\n")
            while b"\n" not in self._stdout:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise SandboxError(f"docker job overran its {timeout_s:.0f} s budget")
                ready, _, _ = select.select([self._sock], [], [], remaining)
                if not ready:
                    continue
                chunk = self._sock.recv(1 << 20)
                if not chunk:
                    tail = self.stderr_tail.decode(errors="replace").strip()
                    raise SandboxError(f"the runner in the container exited: {tail or 'no output'}")
                self._raw += chunk
                self._split_frames()
        except (OSError, SandboxError):
            self.stop()
            raise
        line, _, self._stdout = self._stdout.partition(b"\n")
        return line

    def _split_frames(self) -> None:
        while len(self._raw) >= 8:
            size = int.from_bytes(self._raw[4:8], "big")
            if len(self._raw) < 8 + size:
                return
            stream, payload = self._raw[0], self._raw[8 : 8 + size]
            self._raw = self._raw[8 + size :]
            if stream == 1:
                self._stdout += payload
            else:
                self.stderr_tail = (self.stderr_tail + payload)[-2000:]

    def stop(self) -> None:
        """Closing stdin ends the runner's serve loop after its current job."""
        self.dead = True
        with contextlib.suppress(OSError):
            self._sock.close()
        with contextlib.suppress(OSError):
            self._io.close()


def _host() -> str:
    return socket.gethostname()


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
