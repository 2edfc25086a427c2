"""`declean sandbox run|check` as other tools script it: a subprocess and its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.sandbox import NO_COMPILE, RUN_FAILED
from tests.needs import needs
from tests.sandbox.conftest import BACKENDS

DECLEAN = [sys.executable, "-c", "from generator.cli import main; main()"]
RUN_KEYS = {"exit_code", "signal", "stdout", "stderr", "timed_out", "output_truncated", "wall_ms"}


@needs("sandbox")  # every `declean sandbox` command starts one
def declean(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DECLEAN, *args], capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_run_json_one_object_even_when_the_program_fails_and_the_exit_code_says_so(
    backend: str, tmp_path: Path
) -> None:
    program = tmp_path / "p.c"
    program.write_text(
        "#include <stdio.h>\n"
        'int main(void){ int n; scanf("%d", &n); printf("%d\\n", n * 2); return n; }\n'
    )
    inputs = []
    for i, text in enumerate(["3", "0"]):
        inputs += ["--stdin-file", str(tmp_path / f"in{i}")]
        (tmp_path / f"in{i}").write_text(text)
    done = declean("sandbox", "run", str(program), *inputs, "--backend", backend, "--json")
    assert done.returncode == RUN_FAILED, done.stderr  # run 0 exited 3
    assert done.stderr == f"error: {program}: run 0 exited 3\n"
    payload = json.loads(done.stdout)
    assert payload["backend"] == backend and payload["compiled"] is True
    assert isinstance(payload["diagnostics"], list)
    assert all(set(run) >= RUN_KEYS for run in payload["runs"])
    assert [(r["stdout"], r["exit_code"]) for r in payload["runs"]] == [("6\n", 3), ("0\n", 0)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_run_without_stdin_files_runs_once_and_reports_compile_errors(
    backend: str, tmp_path: Path
) -> None:
    program = tmp_path / "bad.c"
    program.write_text("int main(void) { return nope; }\n")
    done = declean("sandbox", "run", str(program), "--backend", backend, "--json")
    assert done.returncode == NO_COMPILE, done.stderr
    assert "did not compile: 1 error(s)" in done.stderr and "Traceback" not in done.stderr
    payload = json.loads(done.stdout)
    assert payload["compiled"] is False and payload["runs"] == []
    assert payload["diagnostics"][0]["line"] == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_cflags_replace_the_configured_flags_for_that_run(backend: str, tmp_path: Path) -> None:
    program = tmp_path / "opt.c"
    program.write_text(
        "#include <stdio.h>\n"
        '#ifdef __OPTIMIZE__\n#define LEVEL "optimised"\n#else\n#define LEVEL "plain"\n#endif\n'
        "int main(void) { puts(LEVEL); return 0; }\n"
    )
    base = ["sandbox", "run", str(program), "--backend", backend, "--json"]
    default = json.loads(declean(*base).stdout)
    plain = json.loads(declean(*base, "--cflags", "-std=c11 -O0").stdout)
    assert default["runs"][0]["stdout"] == "optimised\n"
    assert plain["runs"][0]["stdout"] == "plain\n"


@pytest.mark.parametrize(
    ("source", "code", "why"),
    [
        ("int main(void) { return 0; }\n", 0, ""),
        ("int main(void) { return nope; }\n", NO_COMPILE, "did not compile"),
        ("int main(void) { return 2; }\n", RUN_FAILED, "run 0 exited 2"),
        ("#include <stdlib.h>\nint main(void) { abort(); }\n", RUN_FAILED, "signal 6"),
    ],
    ids=["ok", "no-compile", "exit-2", "abort"],
)
def test_exit_code_says_whether_the_program_compiled_and_ran(
    tmp_path: Path, source: str, code: int, why: str
) -> None:
    program = tmp_path / "p.c"
    program.write_text(source)
    done = declean("sandbox", "run", str(program))
    assert done.returncode == code, done.stdout + done.stderr
    assert why in done.stderr and "Traceback" not in done.stderr
    assert (done.stderr == "") == (code == 0)


@pytest.mark.parametrize("flags", ["-O0 main.c", "-O0 -o /tmp/elsewhere", "'-O0"])
def test_cflags_that_are_not_options_are_a_user_error(flags: str, tmp_path: Path) -> None:
    program = tmp_path / "p.c"
    program.write_text("int main(void){return 0;}")
    done = declean("sandbox", "run", str(program), "--cflags", flags)
    assert done.returncode == 1 and "--cflags" in done.stderr
    assert done.stdout == ""


def test_missing_file_is_one_red_line_and_exit_one(tmp_path: Path) -> None:
    done = declean("sandbox", "run", str(tmp_path / "absent.c"), "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "absent.c" in done.stderr and "cannot read" in done.stderr


def test_unknown_backend_is_a_user_error(tmp_path: Path) -> None:
    program = tmp_path / "p.c"
    program.write_text("int main(void){return 0;}")
    done = declean("sandbox", "run", str(program), "--backend", "chroot")
    assert done.returncode == 1 and "--backend" in done.stderr


@pytest.mark.firejail
@pytest.mark.docker
def test_check_lists_every_backend_with_a_self_test() -> None:
    done = declean("sandbox", "check")
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("firejail", "docker"):
        assert name in done.stdout
    assert done.stdout.count("ok") >= 4
