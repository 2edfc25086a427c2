"""`declean sandbox run|check`: compile and run untrusted C in an isolated sandbox.

Scripts rely on `run --json` printing exactly one JSON object whenever the sandbox worked,
whatever the program did. The exit code says how the program did: 0 it compiled and every run
exited 0, `NO_COMPILE` it did not compile, `RUN_FAILED` a run exited non-zero, was killed or
timed out. Infrastructure failures and wrong options exit 1 with one red line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from generator.errors import ConfigError, DecleanError

if TYPE_CHECKING:
    from sandbox import ProgramResult, Sandbox

T = TypeVar("T")

app = typer.Typer(
    name="sandbox", help="Compile and run untrusted C in an isolated sandbox.", no_args_is_help=True
)

NO_COMPILE = 3
RUN_FAILED = 4
HELLO = '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n'
BUSY = "int main(void) { volatile unsigned long n = 0; for (;;) n++; }\n"


@app.command("run")
def run(
    file: Path = typer.Argument(..., help="The C source to compile and run."),
    stdin_file: list[Path] = typer.Option(
        [], "--stdin-file", help="Run once per file with it as stdin (default: once, empty)."
    ),
    backend: str = typer.Option("auto", help="auto, firejail or docker."),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON object."),
    cflags: str | None = typer.Option(
        None,
        "--cflags",
        help='Compiler flags for this run instead of the configured ones, e.g. "-std=c11 -O0".',
    ),
) -> None:
    """Compile FILE in the sandbox and run it once per --stdin-file."""
    source = _read(file, "FILE")
    stdins = [_read(path, "--stdin-file") for path in stdin_file] or [""]
    flags = None if cflags is None else _flags(cflags)
    result = _sandboxed(backend, lambda sb: sb.run(source, stdins, flags))
    if json_output:
        typer.echo(result.model_dump_json())
    else:
        _print_result(result)
    failed = _failure(result)
    if failed is not None:
        code, why = failed
        typer.echo(f"error: {file}: {why}", err=True)
        raise typer.Exit(code)


def _failure(result: ProgramResult) -> tuple[int, str] | None:
    """The exit code and a line for a program that did not compile or whose run failed."""
    if not result.compiled:
        errors = sum(d.severity == "error" for d in result.diagnostics)
        timed_out = " (the compiler timed out)" if result.compile_timed_out else ""
        return NO_COMPILE, f"did not compile: {errors} error(s){timed_out}"
    for index, run in enumerate(result.runs):
        if run.timed_out:
            return RUN_FAILED, f"run {index} timed out"
        if run.memory_exceeded:
            return RUN_FAILED, f"run {index} ran out of memory"
        if run.signal is not None:
            return RUN_FAILED, f"run {index} was killed by signal {run.signal}"
        if run.exit_code != 0:
            return RUN_FAILED, f"run {index} exited {run.exit_code}"
    return None


def _flags(text: str) -> list[str]:
    """The --cflags words, refused when one is not an option or names the output: the runner
    compiles main.c to prog, and a stray word would only surface as a gcc error."""
    import shlex

    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise ConfigError(f"--cflags {text!r}: {exc}") from exc
    for word in words:
        if not word.startswith("-") or word.startswith("-o"):
            raise ConfigError(f"--cflags: {word!r} is not a compiler option this run can take")
    return words


@app.command("check")
def check(
    backend: str = typer.Option("auto", help="Test only this backend (or auto: all)."),
) -> None:
    """Show which backends work here, why the others do not, and a self-test of each."""
    from rich.console import Console
    from rich.table import Table

    from sandbox import SandboxConfig, SandboxError, get_sandbox, probe_backends

    table = Table(title="declean sandbox backends")
    for column in ("backend", "available", "why not", "hello", "busy loop", "job limits"):
        table.add_column(column)
    working = 0
    for status in probe_backends():
        if backend not in ("auto", status.name):
            continue
        if not status.available:
            table.add_row(status.name, "[red]no[/]", status.reason, "-", "-", "-")
            continue
        try:
            with get_sandbox(SandboxConfig(backend=status.name)) as sb:
                hello, busy = sb.run_batch([(HELLO, [""]), (BUSY, [""])])
        except SandboxError as exc:
            table.add_row(status.name, "[red]broken[/]", str(exc), "-", "-", "-")
            continue
        hello_ok = hello.ok and hello.runs[0].stdout == "hello\n"
        busy_ok = busy.compiled and busy.runs[0].timed_out
        working += hello_ok and busy_ok
        table.add_row(
            status.name,
            "[green]yes[/]",
            "",
            _verdict(hello_ok, f"{hello.compile_ms + hello.runs[0].wall_ms:.0f} ms"),
            _verdict(busy_ok, f"stopped after {busy.runs[0].wall_ms:.0f} ms"),
            # Without a cgroup, memory and tasks are bounded per process only: say so.
            _verdict(sb.job_limits == "cgroup", sb.job_limits),
        )
    Console().print(table)
    if not working:
        raise DecleanError(
            "no sandbox backend passed its self-test; install firejail (as root) or docker.io "
            "and run `make image`"
        )


def _sandboxed(backend: str, action: Callable[[Sandbox], T]) -> T:
    from sandbox import SandboxConfig, SandboxError, get_sandbox

    if backend not in ("auto", "firejail", "docker"):
        raise ConfigError(f"--backend {backend!r} is not one of auto, firejail, docker")
    try:
        with get_sandbox(SandboxConfig(backend=backend)) as sb:
            return action(sb)
    except SandboxError as exc:
        raise DecleanError(str(exc)) from exc


def _read(path: Path, what: str) -> str:
    try:
        return path.read_bytes().decode("utf-8", "surrogateescape")
    except OSError as exc:
        raise ConfigError(f"{what} {path}: cannot read it ({exc.strerror})") from exc


def _verdict(ok: bool, detail: str) -> str:
    return f"[green]ok[/] {detail}" if ok else f"[red]FAILED[/] {detail}"


def _print_result(result: ProgramResult) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    state = "[green]compiled[/]" if result.compiled else "[red]did not compile[/]"
    console.print(f"{result.backend}: {state} in {result.compile_ms:.0f} ms")
    if result.compile_output:
        console.print(result.compile_output.rstrip(), markup=False)
    for index, run in enumerate(result.runs):
        flags = [
            name
            for name in ("timed_out", "output_truncated", "memory_exceeded")
            if getattr(run, name)
        ]
        end = f"exit {run.exit_code}" if run.signal is None else f"signal {run.signal}"
        console.print(f"run {index}: {end} in {run.wall_ms:.0f} ms {' '.join(flags)}".rstrip())
        if run.stdout:
            console.print(run.stdout.rstrip("\n"), markup=False)
        if run.stderr:
            console.print(run.stderr.rstrip("\n"), markup=False, style="yellow")
