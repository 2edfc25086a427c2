"""A run whose LLM writes a program that attacks its sandbox slot goes on: the attack stays
inside the slot's job, and every other sample finishes as if it had never happened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.records import Status
from tests.pipeline.conftest import PROBLEMS, Runner
from tests.pipeline.scripted import Script, fenced, paste, program

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
    def clean(body: dict[str, Any]) -> str:
        asked = " ".join(m["content"] for m in body["messages"])
        if "twice" in asked:
            return fenced(hostile_clean().replace("#include <stdio.h>", _includes(), 1))
        return fenced(program("clean"))

    runner.fake.handler = Script(clean=[clean], DRY=[paste], judge=['{"equivalent": false}'])
    store = runner.run(problems=problems_dir(tmp_path), principles="DRY", concurrency=2)
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
