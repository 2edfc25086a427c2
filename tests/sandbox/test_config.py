"""Choosing a backend and failing clearly when it cannot work."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sandbox import Limits, SandboxConfig, SandboxError, get_sandbox
from sandbox.diagnostics import parse_diagnostics


def test_limits_reject_nonsense() -> None:
    with pytest.raises(ValidationError):
        Limits(run_wall_s=0)
    with pytest.raises(ValidationError):
        SandboxConfig(backend="none")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        SandboxConfig(limits={"memroy_mb": 1})  # type: ignore[arg-type]


@pytest.mark.docker
def test_missing_docker_image_says_how_to_build_it() -> None:
    config = SandboxConfig(backend="docker", docker_image="declean-no-such-image:never")
    with pytest.raises(SandboxError, match="make image"):
        get_sandbox(config)


@pytest.mark.firejail
def test_closed_sandbox_refuses_work() -> None:
    sb = get_sandbox(SandboxConfig(backend="firejail"))
    sb.close()
    sb.close()
    with pytest.raises(SandboxError, match="closed"):
        sb.run("int main(void){return 0;}", [""])


def test_gcc_output_parsing_covers_tools_and_headers() -> None:
    output = "\n".join(
        [
            "main.c: In function 'main':",
            "main.c:3:9: warning: unused variable 'x' [-Wunused-variable]",
            "    3 |     int x;",
            "      |         ^",
            "main.c:7: error: expected ';' before '}' token",
            "/usr/include/stdio.h:10:1: note: declared here",
            "cc1: fatal error: /dev/zero: memory exhausted",
            "/usr/bin/ld: /tmp/ccX.o: in function `main':",
            "main.c:(.text+0x5): undefined reference to `foo'",
            "collect2: error: ld returned 1 exit status",
        ]
    )
    got = [(d.line, d.column, d.severity) for d in parse_diagnostics(output)]
    assert got == [
        (3, 9, "warning"),
        (7, None, "error"),
        (None, None, "note"),
        (None, None, "error"),
        (None, None, "error"),
        (None, None, "error"),
    ]
