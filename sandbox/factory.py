"""Pick a backend: `get_sandbox` for programs, `probe_backends` for `declean sandbox check`."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.base import Sandbox
from sandbox.config import SandboxConfig
from sandbox.results import SandboxError

# Fastest first; both pass the same hostile suite. There is deliberately no unsandboxed backend.
AUTO_ORDER = ("firejail", "docker")
INSTALL_HINT = (
    "install one: `apt-get install firejail` (and run as root), or `apt-get install docker.io` "
    "then `make image` (bash scripts/sandbox-image.sh)"
)


@dataclass(frozen=True)
class BackendStatus:
    name: str
    available: bool
    reason: str


def probe_backends(config: SandboxConfig | None = None) -> list[BackendStatus]:
    config = config or SandboxConfig()
    return [
        BackendStatus(name, (why := _unavailable(name, config)) is None, why or "")
        for name in AUTO_ORDER
    ]


def get_sandbox(config: SandboxConfig | None = None) -> Sandbox:
    """The configured backend, or for "auto" the first available; SandboxError when none works."""
    config = config or SandboxConfig()
    if config.backend != "auto":
        return _create(config.backend, config)
    reasons = []
    for name in AUTO_ORDER:
        why = _unavailable(name, config)
        if why is None:
            return _create(name, config)
        reasons.append(f"{name}: {why}")
    raise SandboxError(f"no sandbox backend is available ({'; '.join(reasons)}); {INSTALL_HINT}")


def _unavailable(name: str, config: SandboxConfig) -> str | None:
    if name == "firejail":
        from sandbox.firejail import firejail_unavailable_reason

        return firejail_unavailable_reason()
    from sandbox.docker_sandbox import docker_unavailable_reason

    return docker_unavailable_reason(config.docker_image)


def _create(name: str, config: SandboxConfig) -> Sandbox:
    if name == "firejail":
        from sandbox.firejail import FirejailSandbox

        return FirejailSandbox(config)
    if name == "docker":
        from sandbox.docker_sandbox import DockerSandbox

        return DockerSandbox(config)
    raise SandboxError(f"unknown sandbox backend {name!r}; choose auto, firejail or docker")
