"""A run whose LLM writes a program that attacks its sandbox slot goes on: the attack stays
inside the slot's job, and every other sample finishes as if it had never happened."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest

from generator.records import Reason, Status
from sandbox import cgroups
from sandbox.firejail import AREA_PREFIX
from tests.scripted import Script, fenced, paste, program
from tests.scripted.runner import PROBLEMS, Runner

# Fills the slot's one tmpfs, leaves a 1500-deep chain with a mode-000 bottom and a SysV
# segment, and still prints the right answer: it is accepted as a clean solution like any other.
ATTACK = r"""
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

static char block[1 << 16];

void leave_traces(void) {
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 2000; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s/fill-%d", i % 2 ? "/tmp" : ".", i);
        FILE *f = fopen(path, "w");
        if (!f || fwrite(block, 1, sizeof block, f) < sizeof block) { if (f) fclose(f); break; }
        fclose(f);
    }
    char top[32];
    snprintf(top, sizeof top, "chain-%d", (int)getpid());  /* a new chain for every input */
    if (mkdir(top, 0700) != 0 || chdir(top) != 0) return;
    for (int depth = 0; depth < 1500; depth++)
        if (mkdir("d", 0700) != 0 || chdir("d") != 0) break;
    chmod(".", 0);
    shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
}
"""


def hostile_clean() -> str:
    clean = program("clean")
    head, main = clean.split("int main(void) {", 1)
    # The attack runs in its own child so the program's cwd stays where it reads from.
    body = "int main(void) {\n    if (fork() == 0) { leave_traces(); _exit(0); }\n"
    return head + ATTACK + "\n" + body + "    wait(NULL);\n" + main


def problems_dir(tmp_path: Path) -> Path:
    """sum-max, and the same problem under the id `sum-max-hostile`."""
    out = tmp_path / "problems"
    out.mkdir()
    text = (PROBLEMS / "sum-max.yaml").read_text()
    (out / "sum-max.yaml").write_text(text)
    hostile = text.replace("id: sum-max", "id: sum-max-hostile").replace(
        "title: Sum and maximum", "title: Sum and maximum, twice"
    )
    (out / "sum-max-hostile.yaml").write_text(hostile)
    return out


def test_a_program_that_attacks_its_slot_does_not_stop_the_run(
    runner: Runner, tmp_path: Path
) -> None:
    # Given as roots, so the attack runs whatever a reviewer would say of its code.
    given = tmp_path / "given"
    given.mkdir()
    (given / "sum-max.c").write_text(program("clean"))
    hostile_code = hostile_clean().replace("#include <stdio.h>", _includes(), 1)
    (given / "sum-max-hostile.c").write_text(hostile_code)
    runner.fake.handler = Script(DRY=[paste], judge=['{"equivalent": false}'])
    store = runner.run(
        problems=problems_dir(tmp_path), principles="DRY", concurrency=2, clean_from=given
    )
    hostile = store.get_sample("sum-max-hostile/c0")
    assert hostile is not None and "leave_traces" in hostile.code, hostile.detail
    # Contained: the attack changed nothing about its outputs, so it is judged like any program.
    assert hostile.status == Status.ACCEPTED, (hostile.reason, hostile.detail)
    for sid in ("sum-max/c0", "sum-max/c0+DRY"):
        sample = store.get_sample(sid)
        assert sample is not None and sample.status == Status.ACCEPTED, (sid, sample)
    # Every sample of both problems ended, none left pending by a slot that broke under it.
    assert [s.id for s in store.samples(status=Status.PENDING)] == []
    assert {s.problem_id for s in store.samples(status=Status.ACCEPTED)} == {
        "sum-max",
        "sum-max-hostile",
    }


def _includes() -> str:
    return "#include <stdio.h>\n#include <sys/wait.h>"


SLOW_CLEAN_MAIN = "int main(void) {\n    usleep(1500 * 1000);\n"


def _kill_busy_jails(times: int, stop: threading.Event) -> None:
    """Kill, `times` times, every process of a firejail slot of ours that is serving a job:
    the jail vanishing under a job, as an engine crash or an OOM of the runner would do."""
    where = cgroups.layout()
    assert isinstance(where, cgroups.Layout), where
    groups = where.pids / f"{cgroups.PREFIX}{os.getpid()}"
    pattern = f"{AREA_PREFIX}{os.getpid()}-*/slot-*/jobs/*"
    kills = 0
    while kills < times and not stop.is_set():
        for job in Path(tempfile.gettempdir()).glob(pattern):
            time.sleep(0.4)  # let the job get going
            procs = groups / job.parents[1].name / "cgroup.procs"
            for pid in procs.read_text().split() if procs.exists() else []:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
            kills += 1
        time.sleep(0.05)


@pytest.mark.firejail
def test_a_sample_whose_slot_breaks_twice_is_recorded_as_sandbox_error(runner: Runner) -> None:
    slow = program("clean").replace("#include <stdio.h>", "#include <stdio.h>\n#include <unistd.h>")
    slow = slow.replace("int main(void) {\n", SLOW_CLEAN_MAIN, 1)
    runner.fake.handler = Script(clean=[fenced(slow)], DRY=[paste])
    stop = threading.Event()
    killer = threading.Thread(target=_kill_busy_jails, args=(2, stop), daemon=True)
    killer.start()
    try:
        store = runner.run(principles="DRY", backend="firejail")
    finally:
        stop.set()
        killer.join()
    clean = store.get_sample("sum-max/c0")
    assert clean is not None
    assert (clean.status, clean.reason) == (Status.REJECTED, Reason.SANDBOX_ERROR), clean.detail
    assert "firejail" in clean.detail
    assert "sandbox_error" in runner.output.getvalue()  # the funnel printed at the end shows it
