"""Docker backend: one warm container per sandbox, one warm runner (an open exec) per worker slot.

Starting a container per program costs ~0.8 s, an exec per job ~150 ms; a served job costs
about what the same compile and run cost on the host. The
container has no network, a read-only root, no capabilities but the four the runner needs to
hand programs their own uid, a pids and memory cgroup, and a size- and inode-limited tmpfs
`/work` where each job gets a fresh dir that the runner removes. Job inputs come in through a
read-only bind mount of a host dir only root can read.
"""

from __future__ import annotations

import contextlib
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

from sandbox.base import RUNNER, Sandbox
from sandbox.config import SandboxConfig
from sandbox.results import ProgramResult, SandboxError

LABEL = "declean.sandbox"
RUNNER_IN_CONTAINER = "/opt/declean/runner.py"
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
        self._container: Any = None
        self._start_lock = threading.Lock()
        self._servers: dict[int, _Server] = {}

    def _run_in_slot(self, source: str, stdins: list[str], uid: int) -> ProgramResult:
        from docker.errors import DockerException

        slot = uid - self._uid_base
        job_id = uuid.uuid4().hex
        job_dir = self._jobs / job_id
        job_dir.mkdir(mode=0o700)
        try:
            server = self._servers.get(slot)
            if server is None or server.dead:
                server = self._servers[slot] = _Server(self._client.api, self._warm_container().id)
            self._write_job(job_dir, source, stdins, uid)
            answer = server.ask(job_id, self._budget_s(len(stdins)) + 30)
            return self._parse(answer, server.stderr_tail, None)
        except DockerException as exc:
            raise SandboxError(
                f"docker backend failed: {_short(exc)}; is dockerd still running? "
                f"(`declean sandbox check`)"
            ) from exc
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)

    def _warm_container(self) -> Any:
        with self._start_lock:
            if self._container is None:
                self._remove_stale()
                self._container = self._start()
            return self._container

    def _start(self) -> Any:
        from docker.errors import DockerException

        limits = self.config.limits
        workers = self.config.workers
        memory_mb = workers * (max(limits.memory_mb, limits.compile_memory_mb) + 64) + 128
        tmpfs = (
            f"size={workers * limits.work_dir_mb}m,"
            f"nr_inodes={workers * (limits.max_files + 16)},mode=0755,exec"
        )
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
                read_only=True,
                cap_drop=["ALL"],
                cap_add=["CHOWN", "SETUID", "SETGID", "KILL"],
                security_opt=["no-new-privileges"],
                pids_limit=workers * (limits.max_procs + 8) + 16,
                mem_limit=f"{memory_mb}m",
                memswap_limit=f"{memory_mb}m",
                tmpfs={"/work": tmpfs},
                volumes={
                    str(self._jobs): {"bind": "/jobs", "mode": "ro"},
                    str(RUNNER): {"bind": RUNNER_IN_CONTAINER, "mode": "ro"},
                },
                environment={},
            )
        except DockerException as exc:
            raise SandboxError(f"cannot start the sandbox container: {_short(exc)}") from exc

    def _remove_stale(self) -> None:
        """Containers left by a process of ours that died without `close()`."""
        for container in self._client.containers.list(all=True, filters={"label": LABEL}):
            labels = container.labels
            pid = labels.get(f"{LABEL}.pid", "")
            mine = labels.get(f"{LABEL}.host") == _host() and pid.isdigit()
            if mine and not Path(f"/proc/{pid}").exists():
                container.remove(force=True)

    def _close_backend(self) -> None:
        from docker.errors import DockerException

        for server in self._servers.values():
            server.stop()
        self._servers.clear()
        try:
            if self._container is not None:
                self._container.remove(force=True)
        except DockerException:
            pass
        finally:
            self._container = None
            self._client.close()
            shutil.rmtree(self._jobs, ignore_errors=True)


class _Server:
    """One warm runner per worker slot: `docker exec -i` kept open, a job id in, a JSON line out.

    Exec-ing per job costs ~150 ms (API round trips, runc, python start-up); a served job costs
    one write and one read on the hijacked exec socket, whose output is docker's multiplexed
    stream: 8-byte frame headers (stream id, size) before each chunk.
    """

    def __init__(self, api: Any, container_id: str) -> None:
        cmd = ["python3", "-I", "-S", RUNNER_IN_CONTAINER, "serve", "/jobs", "/work"]
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
