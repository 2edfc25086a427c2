"""What well-behaved (and merely broken) programs get back, on every backend."""

from __future__ import annotations

import asyncio
import signal

from sandbox import Sandbox

SUM = """
#include <stdio.h>
int main(void) {
    long total = 0, x;
    while (scanf("%ld", &x) == 1) total += x;
    printf("%ld\\n", total);
    return 0;
}
"""


def test_one_run_per_stdin_case_in_order(sandbox: Sandbox) -> None:
    result = sandbox.run(SUM, ["1 2 3", "", "10\n-4\n", "5 " * 1000])
    assert result.ok
    assert [run.stdout for run in result.runs] == ["6\n", "0\n", "6\n", "5000\n"]
    assert all(run.wall_ms > 0 for run in result.runs)


def test_no_stdin_cases_means_compile_only(sandbox: Sandbox) -> None:
    result = sandbox.run(SUM, [])
    assert result.compiled and result.runs == [] and result.compile_ms > 0


def test_exit_codes_are_reported_not_raised(sandbox: Sandbox) -> None:
    source = (
        '#include <stdlib.h>\n#include <stdio.h>\nint main(void){ fputs("bye", stderr); exit(42); }'
    )
    run = sandbox.run(source, [""]).runs[0]
    assert (run.exit_code, run.signal, run.stderr, run.timed_out) == (42, None, "bye", False)


def test_signals_are_reported(sandbox: Sandbox) -> None:
    aborts = sandbox.run("#include <stdlib.h>\nint main(void){ abort(); }", [""])
    assert aborts.runs[0].signal == signal.SIGABRT and aborts.runs[0].exit_code is None
    assert not aborts.ok
    segv = sandbox.run("int main(void){ volatile int *p = 0; return *p; }", [""])
    assert segv.runs[0].signal == signal.SIGSEGV


def test_non_utf8_output_stays_distinct_and_never_crashes(sandbox: Sandbox) -> None:
    source = r"""
    #include <stdio.h>
    int main(void) { fwrite("a\xff\xfe" "\0" "b\xc3\xa9\n", 1, 8, stdout); return 0; }
    """
    run = sandbox.run(source, [""]).runs[0]
    assert run.stdout == "a\\xff\\xfe\x00bé\n"


def test_stdin_bytes_reach_the_program_unchanged(sandbox: Sandbox) -> None:
    source = (
        '#include <stdio.h>\nint main(void){int c; while((c=getchar())!=EOF) printf("%02x", c);}'
    )
    run = sandbox.run(source, ["é\tx\n"]).runs[0]
    assert run.stdout == "é\tx\n".encode().hex()


def test_compile_errors_become_diagnostics(sandbox: Sandbox) -> None:
    source = "#include <stdio.h>\nint main(void) {\n    int unused;\n    return missing;\n}\n"
    result = sandbox.run(source, ["ignored"])
    assert not result.compiled and result.runs == [] and not result.compile_timed_out
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert errors and (errors[0].line, errors[0].column) == (4, 12)
    assert "missing" in errors[0].message
    assert any(d.severity == "warning" and d.line == 3 for d in result.diagnostics)
    assert "main.c:4:12" in result.compile_output


def test_link_errors_become_diagnostics(sandbox: Sandbox) -> None:
    result = sandbox.run("void nowhere(void);\nint main(void){ nowhere(); return 0; }", [""])
    assert not result.compiled
    assert any("undefined reference" in d.message for d in result.diagnostics)


def test_math_library_is_linked(sandbox: Sandbox) -> None:
    source = (
        "#include <math.h>\n#include <stdio.h>\n"
        'int main(void){ volatile double x = 2.0; printf("%.3f\\n", sqrt(x)); }'
    )
    assert sandbox.run(source, [""]).runs[0].stdout == "1.414\n"


def test_flags_given_for_one_job_bind_that_job_alone(sandbox: Sandbox) -> None:
    level = (
        '#include <stdio.h>\nint main(void) {\n#ifdef __OPTIMIZE__\n    puts("optimised");\n'
        '#else\n    puts("plain");\n#endif\n    return 0;\n}\n'
    )
    configured = sandbox.run(level, [""])
    plain = sandbox.run(level, [""], cflags=["-std=c11", "-O0"])
    again = asyncio.run(sandbox.run_async(level, [""]))
    assert [r.runs[0].stdout for r in (configured, plain, again)] == [
        "optimised\n",
        "plain\n",
        "optimised\n",
    ]
    assert "-O1" in sandbox.config.cflags


def test_batch_keeps_order(sandbox: Sandbox) -> None:
    jobs = [
        (f'#include <stdio.h>\nint main(void){{ puts("{i}"); return {i}; }}', [""])
        for i in range(6)
    ]
    results = sandbox.run_batch(jobs)
    assert [r.runs[0].stdout for r in results] == [f"{i}\n" for i in range(6)]
    assert [r.runs[0].exit_code for r in results] == list(range(6))


def test_run_async_with_many_in_flight(sandbox: Sandbox) -> None:
    async def many() -> list[str]:
        tasks = [
            sandbox.run_async(f'#include <stdio.h>\nint main(void){{ printf("{i}"); }}', [""])
            for i in range(8)
        ]
        return [r.runs[0].stdout for r in await asyncio.gather(*tasks)]

    assert asyncio.run(many()) == [str(i) for i in range(8)]
