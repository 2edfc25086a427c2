"""Firejail backend: one jail per job, the job dir as its only writable home.

The jail gets no network, a read-only root, private /tmp, /dev and /etc, and every top-level
directory blacklisted except the toolchain (/usr, /lib*, ...). Jobs live on a tmpfs mounted for
this sandbox, so a program's files are bounded in size and count. Needs root: the runner inside
switches to the job's unprivileged uid, which is what makes RLIMIT_NPROC bind.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
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

    def _run_in_slot(self, source: str, stdins: list[str], uid: int) -> ProgramResult:
        job_dir = self._area / uuid.uuid4().hex
        job_dir.mkdir(mode=0o700)
        try:
            self._write_job(job_dir, source, stdins, uid)
            shutil.copyfile(RUNNER, job_dir / ".runner.py")
            home = self._home
            argv = [
                "firejail", "--quiet", "--noprofile", f"--private={job_dir}", "--net=none",
                "--read-only=/", "--private-tmp", "--private-dev", f"--private-etc={PRIVATE_ETC}",
                "--nonewprivs", f"--caps.keep={CAPS}", "--seccomp",
                *(f"--blacklist={path}" for path in self._blacklist),
                PYTHON, "-I", "-S", f"{home}/.runner.py", home, home,
            ]  # fmt: skip
            stdout, stderr, code = _run_host(argv, self._budget_s(len(stdins)) + 30)
            return self._parse(stdout, stderr, code)
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)

    def _close_backend(self) -> None:
        if self._mounted:
            subprocess.run(["umount", "-l", str(self._area)], check=False, capture_output=True)
        shutil.rmtree(self._area, ignore_errors=True)


def _run_host(argv: list[str], timeout_s: float) -> tuple[bytes, bytes, int | None]:
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=HOST_ENV,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        raise SandboxError(
            f"firejail job overran its {timeout_s:.0f} s budget and was killed"
        ) from None
    return stdout, stderr, proc.returncode


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
