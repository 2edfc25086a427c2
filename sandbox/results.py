"""What a sandbox run returns: values for the program's failures, `SandboxError` for ours."""

from __future__ import annotations

from pydantic import BaseModel


class SandboxError(Exception):
    """The sandbox itself failed (engine gone, firejail missing): never the program's fault."""


class Diagnostic(BaseModel):
    line: int | None
    column: int | None
    severity: str
    message: str


class RunResult(BaseModel):
    exit_code: int | None
    signal: int | None
    stdout: str
    stderr: str
    timed_out: bool
    output_truncated: bool
    memory_exceeded: bool
    wall_ms: float


class ProgramResult(BaseModel):
    backend: str
    compiled: bool
    diagnostics: list[Diagnostic]
    compile_output: str
    compile_timed_out: bool
    compile_ms: float
    runs: list[RunResult]

    @property
    def ok(self) -> bool:
        """Compiled, and every run exited 0 without a time-out or a signal."""
        return self.compiled and all(
            run.exit_code == 0 and run.signal is None and not run.timed_out for run in self.runs
        )
