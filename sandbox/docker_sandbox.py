"""Docker backend: one warm container per sandbox, one `exec` of the runner per job.

Starting a container per program costs ~0.8 s; exec into a warm one costs tens of ms. The
container has no network, a read-only root, no capabilities but the four the runner needs to
hand programs their own uid, a pids and memory cgroup, and a size- and inode-limited tmpfs
`/work` where each job gets a fresh dir that the runner removes. Job inputs come in through a
read-only bind mount of a host dir only root can read.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
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

    def _run_in_slot(self, source: str, stdins: list[str], uid: int) -> ProgramResult:
        from docker.errors import DockerException

        container = self._warm_container()
        job_id = uuid.uuid4().hex
        job_dir = self._jobs / job_id
        job_dir.mkdir(mode=0o700)
        try:
            self._write_job(job_dir, source, stdins, uid)
            cmd = ["python3", "-I", "-S", RUNNER_IN_CONTAINER, f"/jobs/{job_id}", f"/work/{job_id}"]
            code, (stdout, stderr) = container.exec_run(
                cmd, user="0:0", environment={"PATH": "/usr/bin:/bin"}, demux=True
            )
            return self._parse(stdout or b"", stderr or b"", code)
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

        try:
            if self._container is not None:
                self._container.remove(force=True)
        except DockerException:
            pass
        finally:
            self._container = None
            self._client.close()
            shutil.rmtree(self._jobs, ignore_errors=True)


def _host() -> str:
    return socket.gethostname()


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
