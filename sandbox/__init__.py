"""Compile and run untrusted C in isolation (firejail or docker). Standalone: no `generator`."""

from sandbox.base import Sandbox
from sandbox.config import Limits, SandboxConfig
from sandbox.factory import BackendStatus, get_sandbox, probe_backends
from sandbox.results import Diagnostic, ProgramResult, RunResult, SandboxError

__all__ = [
    "BackendStatus",
    "Diagnostic",
    "Limits",
    "ProgramResult",
    "RunResult",
    "Sandbox",
    "SandboxConfig",
    "SandboxError",
    "get_sandbox",
    "probe_backends",
]
