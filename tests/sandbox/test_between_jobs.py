"""Jobs that attack the jobs after or beside them, through one long-lived sandbox per backend,
as `declean run` uses it: a warm slot serves many jobs, so whatever one job leaves or reaches is
what the next one would see. Every test also checks the host side itself."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest

from sandbox import ProgramResult, Sandbox, SandboxError
from tests.sandbox.conftest import TEST_LIMITS, assert_host_clean

HELLO = '#include <stdio.h>\nint main(void){ puts("hello"); return 0; }'
PLACES = ("./", "/tmp/", "/var/tmp/", "/dev/shm/")

PLANTER = r"""
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>
static const char *places[] = {"./", "/tmp/", "/var/tmp/", "/dev/shm/"};
static void plant(const char *dir) {
    char path[256];
    snprintf(path, sizeof path, "%sdeclean-plant", dir);
    if (mkdir(path, 0700) != 0) { printf("no dir in %s\n", dir); return; }
    snprintf(path, sizeof path, "%sdeclean-plant/secret", dir);
    FILE *f = fopen(path, "w");
    if (f) { fputs("PLANTED-SECRET\n", f); fclose(f); chmod(path, 0); }
    snprintf(path, sizeof path, "%sdeclean-plant/fifo", dir);
    mkfifo(path, 0600);
    snprintf(path, sizeof path, "%sdeclean-plant/link", dir);
    symlink("/etc/shadow", path);
    snprintf(path, sizeof path, "%sdeclean-plant/locked", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%sdeclean-plant/locked/inner", dir);
    f = fopen(path, "w");
    if (f) { fputs("PLANTED-SECRET\n", f); fclose(f); }
    snprintf(path, sizeof path, "%sdeclean-plant/locked", dir);
    chmod(path, 0);
    snprintf(path, sizeof path, "%sdeclean-plant", dir);
    chmod(path, 0);
    printf("planted in %s\n", dir);
}
int main(void) {
    for (int i = 0; i < 4; i++) plant(places[i]);
    int shm = shmget(0x5EED, 4096, IPC_CREAT | 0666);
    char *p = shm >= 0 ? shmat(shm, NULL, 0) : (void *)-1;
    if (p != (void *)-1) strcpy(p, "PLANTED-SECRET");
    int msq = msgget(0x5EED, IPC_CREAT | 0666);
    mqd_t q = mq_open("/declean-plant", O_CREAT | O_RDWR, 0666, NULL);
    printf("shm %d msg %d mq %d\n", shm, msq, (int)q);
    chmod(".", 0);  /* the work dir itself, last */
    return 0;
}
"""

READER = r"""
#include <dirent.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <unistd.h>
static const char *places[] = {"./", "/tmp/", "/var/tmp/", "/dev/shm/", "/dev/mqueue/"};
static int own(int place, const char *name) {  /* this job's own source and binary */
    return place == 0 && (!strcmp(name, "main.c") || !strcmp(name, "prog"));
}
int main(void) {
    int found = 0;
    for (int i = 0; i < 5; i++) {
        DIR *d = opendir(places[i]);
        if (!d) continue;
        struct dirent *e;
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !own(i, e->d_name)) {
                printf("FOUND %s%s\n", places[i], e->d_name);
                found++;
            }
        closedir(d);
    }
    if (shmget(0x5EED, 0, 0) >= 0) { printf("FOUND shm\n"); found++; }
    if (msgget(0x5EED, 0) >= 0) { printf("FOUND msg\n"); found++; }
    if (mq_open("/declean-plant", O_RDONLY) != (mqd_t)-1) { printf("FOUND mq\n"); found++; }
    printf("found %d\n", found);
    return 0;
}
"""


def each_slot(sb: Sandbox, source: str, stdins: list[str] | None = None) -> list[ProgramResult]:
    """Run `source` once in every slot at once (the pool hands each a slot of its own)."""
    return sb.run_batch([(source, stdins or [""])] * sb.config.workers)


def test_planted_files_ipc_and_queues_are_gone_for_the_next_job(sandbox: Sandbox) -> None:
    planted = each_slot(sandbox, PLANTER)
    assert all(r.ok for r in planted), [r.runs[0].stderr for r in planted]
    # The planter really could write in its writable places: the work dir and /tmp on both.
    assert all("planted in ./" in r.runs[0].stdout for r in planted)
    assert all("planted in /tmp/" in r.runs[0].stdout for r in planted)
    assert_host_clean(sandbox)
    for _ in range(2):  # every slot again, whichever order the pool hands them out
        for result in each_slot(sandbox, READER):
            assert result.ok, result.runs[0].stderr
            assert result.runs[0].stdout == "found 0\n"
    assert_host_clean(sandbox)


def test_a_filler_leaves_room_for_the_next_jobs(sandbox: Sandbox) -> None:
    filler = r"""
    #include <stdio.h>
    #include <string.h>
    static char block[65536];
    int main(void) {
        memset(block, 'x', sizeof block);
        long total = 0;
        const char *dirs[] = {".", "/tmp"};
        for (int d = 0; d < 2; d++)
            for (int i = 0; i < 4096; i++) {
                char path[64];
                snprintf(path, sizeof path, "%s/fill-%d", dirs[d], i);
                FILE *f = fopen(path, "w");
                if (!f) break;
                long n = 0;
                for (int k = 0; k < 16; k++) n += fwrite(block, 1, sizeof block, f);
                if (fclose(f) != 0 || n < 16L * (long)sizeof block) break;
                total += n;
            }
        printf("%ld\n", total >> 20);
        return 0;
    }
    """
    filled = each_slot(sandbox, filler)
    for result in filled:
        assert result.compiled
        written_mb = int(result.runs[0].stdout.split()[0])
        # One budget for the work dir and /tmp together, and it was all taken.
        assert TEST_LIMITS.work_dir_mb - 8 <= written_mb <= TEST_LIMITS.work_dir_mb + 2
    assert_host_clean(sandbox)
    for result in sandbox.run_batch([(HELLO, [""])] * 4):
        assert result.ok and result.runs[0].stdout == "hello\n"
    legit = r"""
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    int main(void) {
        size_t size = 180u << 20;
        volatile char *p = malloc(size);
        if (!p) { puts("no memory"); return 1; }
        memset((char *)p, 1, size);
        long sum = 0;
        for (size_t i = 0; i < size; i += 4096) sum += p[i];
        printf("%ld\n", sum);
        return 0;
    }
    """
    for result in each_slot(sandbox, legit):
        assert result.ok, result.runs[0]
        assert result.runs[0].stdout == f"{180 << 8}\n"
    assert_host_clean(sandbox)


def test_a_deep_directory_chain_is_removed(sandbox: Sandbox) -> None:
    deep = r"""
    #include <stdio.h>
    #include <sys/stat.h>
    #include <unistd.h>
    int main(void) {
        int depth = 0;
        for (; depth < 1500; depth++) {
            if (mkdir("d", 0700) != 0 || chdir("d") != 0) break;
        }
        FILE *f = fopen("bottom", "w");
        if (f) { fputs("deep", f); fclose(f); }
        chdir("..");
        chmod("d", 0);
        printf("%d\n", depth);
        return 0;
    }
    """
    for result in each_slot(sandbox, deep):
        assert result.ok
        assert int(result.runs[0].stdout) == 1500
    assert_host_clean(sandbox)
    for result in each_slot(sandbox, HELLO):
        assert result.ok and result.runs[0].stdout == "hello\n"
    assert_host_clean(sandbox)


def test_later_inputs_cannot_be_swapped(sandbox: Sandbox) -> None:
    """Case 1 tries to replace the inputs of cases 2 and 3 with a FIFO, a directory and a link
    to a root-only file, wherever it can find them; those cases still read what the host sent."""
    swapper = r"""
    #include <dirent.h>
    #include <stdio.h>
    #include <string.h>
    #include <sys/stat.h>
    #include <unistd.h>
    static int tried, swapped;
    static void attack(const char *dir) {
        DIR *d = opendir(dir);
        if (!d) return;
        struct dirent *e;
        char path[512];
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            for (int k = 1; k < 3; k++) {
                snprintf(path, sizeof path, "%s/%s/stdin-%d", dir, e->d_name, k);
                tried++;
                if (unlink(path) != 0) continue;
                if (k == 1) swapped += mkfifo(path, 0666) == 0;
                else swapped += symlink("/etc/shadow", path) == 0;
            }
            snprintf(path, sizeof path, "%s/stdin-2", dir);
            if (unlink(path) == 0) swapped += mkdir(path, 0777) == 0;
        }
        closedir(d);
    }
    int main(void) {
        char line[64] = "";
        if (!fgets(line, sizeof line, stdin)) strcpy(line, "(none)\n");
        printf("read %s", line);
        const char *dirs[] = {".", "..", "../..", "/jobs", "/root/jobs", "../../jobs", "/work"};
        for (int i = 0; i < 7; i++) attack(dirs[i]);
        if (swapped) printf("SWAPPED %d\n", swapped);
        return 0;
    }
    """
    result = sandbox.run(swapper, ["one\n", "two\n", "three\n"])
    assert result.ok, [run.stderr for run in result.runs]
    assert [run.stdout for run in result.runs] == ["read one\n", "read two\n", "read three\n"]
    assert_host_clean(sandbox)


def test_ten_children_of_200_mb_are_bounded_as_one_job(sandbox: Sandbox) -> None:
    children = r"""
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <sys/wait.h>
    #include <unistd.h>
    int main(void) {
        for (int i = 0; i < 10; i++) {
            if (fork() == 0) {
                size_t size = 200u << 20;
                volatile char *p = malloc(size);
                if (!p) _exit(2);
                memset((char *)p, 1, size);
                sleep(2);  /* all ten would hold their 200 MB at once */
                _exit(p[size - 1] == 1 ? 0 : 3);
            }
        }
        int held = 0, status;
        while (wait(&status) > 0) held += WIFEXITED(status) && WEXITSTATUS(status) == 0;
        printf("held %d\n", held);
        return 0;
    }
    """
    result = sandbox.run(children, [""])
    run = result.runs[0]
    assert result.compiled
    held = int(run.stdout.split()[-1]) if run.stdout.startswith("held") else 0
    # The job's group holds memory_mb + work_dir_mb + slack: at most one child fits at a time.
    assert held <= 1, run.stdout
    assert run.memory_exceeded, run
    assert_host_clean(sandbox)
    assert sandbox.run(HELLO, [""]).ok


def test_300_mb_outside_the_work_dir_is_refused(sandbox: Sandbox) -> None:
    writer = r"""
    #include <stdio.h>
    #include <string.h>
    static char block[1 << 20];
    int main(void) {
        memset(block, 'y', sizeof block);
        int mb = 0;
        const char *dirs[] = {"/tmp", "/var/tmp", "/dev/shm"};
        for (int d = 0; d < 3; d++)
            for (int i = 0; i < 300 && mb < 300; i++) {
                char path[64];
                snprintf(path, sizeof path, "%s/big-%d-%d", dirs[d], d, i);
                FILE *f = fopen(path, "w");
                if (!f) break;
                /* one byte short of a MB: max_file_bytes is 1 MB per file */
                size_t n = fwrite(block, 1, sizeof block - 1, f);
                if (fclose(f) != 0 || n < sizeof block - 1) break;
                mb++;
            }
        printf("%d\n", mb);
        return 0;
    }
    """
    for result in each_slot(sandbox, writer):
        assert result.ok
        assert int(result.runs[0].stdout) <= TEST_LIMITS.work_dir_mb + 2
    assert_host_clean(sandbox)


def test_concurrent_jobs_cannot_see_each_other(sandbox: Sandbox) -> None:
    looker = r"""
    #include <dirent.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <unistd.h>
    static int seen;
    static void look(const char *dir, const char *mine) {
        DIR *d = opendir(dir);
        if (!d) return;
        struct dirent *e;
        while ((e = readdir(d)))
            if (!strncmp(e->d_name, "mark-", 5) && strcmp(e->d_name, mine)) {
                printf("SAW %s/%s\n", dir, e->d_name);
                seen++;
            }
        closedir(d);
    }
    int main(void) {
        char mine[64];
        snprintf(mine, sizeof mine, "mark-%d", (int)getuid());
        const char *dirs[] = {".", "/tmp", "..", "../..", "/work", "/work/run", "/root/work"};
        for (int i = 0; i < 2; i++) {
            char path[128];
            snprintf(path, sizeof path, "%s/%s", dirs[i], mine);
            FILE *f = fopen(path, "w");
            if (f) { fputs(mine, f); fclose(f); }
        }
        sleep(1);  /* both jobs are now running and marked */
        for (int i = 0; i < 7; i++) look(dirs[i], mine);
        DIR *proc = opendir("/proc");
        struct dirent *e;
        while (proc && (e = readdir(proc))) {
            char path[300], line[256];
            if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
            snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
            FILE *f = fopen(path, "r");
            while (f && fgets(line, sizeof line, f)) {
                unsigned uid;
                if (sscanf(line, "Uid: %u", &uid) == 1 && uid != getuid() && uid != 0) {
                    printf("SAW process %s of uid %u\n", e->d_name, uid);
                    seen++;
                }
            }
            if (f) fclose(f);
        }
        printf("seen %d\n", seen);
        return 0;
    }
    """
    results = each_slot(sandbox, looker)
    assert len(results) == 2
    for result in results:
        assert result.ok, result.runs[0].stderr
        assert result.runs[0].stdout == "seen 0\n"
    assert_host_clean(sandbox)


def test_a_slot_the_runner_cannot_restore_is_replaced(sandbox: Sandbox) -> None:
    """What the host finds after a job that nobody removed (here: planted by the host itself,
    as root, where a job could not) makes the slot go: the next jobs get a new, clean one."""
    assert sandbox.run(HELLO, [""]).ok
    before = sandbox.replaced_slots
    for place in _scratch_dirs(sandbox):
        (place / f"root-left-{os.urandom(4).hex()}").write_text("left by root")
    assert sandbox.traces()
    assert all(r.ok for r in each_slot(sandbox, HELLO))
    assert sandbox.replaced_slots >= before + 1
    assert_host_clean(sandbox)
    assert all(r.runs[0].stdout == "found 0\n" for r in each_slot(sandbox, READER))


def _scratch_dirs(sb: Sandbox) -> list[Path]:
    """Each live slot's /tmp, as the host reaches it."""
    slots = sb._live.values()  # type: ignore[attr-defined]
    if sb.name == "firejail":
        return [slot.home / "tmp" for slot in slots]
    return [slot._work / "tmp" for slot in slots]


SLOW = r"""
#include <stdio.h>
#include <unistd.h>
int main(void) { usleep(1500 * 1000); puts("slow"); return 0; }
"""


def _kill_slots_after(sb: Sandbox, delay_s: float, times: int) -> threading.Thread:
    """`times` times, `delay_s` apart: kill the jail or container of the slot serving a job."""

    def kill() -> None:
        for _ in range(times):
            time.sleep(delay_s)
            for slot in list(sb._live.values()):  # type: ignore[attr-defined]
                if sb.name == "firejail" and any((slot.home / "jobs").iterdir()):
                    slot.jail.stop()
                elif sb.name == "docker" and any(slot.jobs.iterdir()):
                    slot.container.kill()

    thread = threading.Thread(target=kill, daemon=True)
    thread.start()
    return thread


def test_a_slot_killed_under_a_job_is_replaced_and_the_job_run_again(sandbox: Sandbox) -> None:
    assert sandbox.run(HELLO, [""]).ok  # slots exist before the killer looks for them
    before = sandbox.replaced_slots
    killer = _kill_slots_after(sandbox, 0.5, 1)
    result = sandbox.run(SLOW, [""])
    killer.join()
    assert result.ok and result.runs[0].stdout == "slow\n"
    assert sandbox.replaced_slots >= before + 1
    assert_host_clean(sandbox)


def test_a_job_whose_slot_breaks_twice_is_a_sandbox_error(sandbox: Sandbox) -> None:
    assert sandbox.run(HELLO, [""]).ok
    killer = _kill_slots_after(sandbox, 0.9, 2)  # each new slot takes ~0.2-0.6 s to start
    with pytest.raises(SandboxError):
        sandbox.run(SLOW, [""])
    killer.join()
    assert all(r.ok for r in each_slot(sandbox, HELLO))  # the next jobs get fresh slots
    assert_host_clean(sandbox)


def test_io_uring_vsock_and_message_queues_are_refused(sandbox: Sandbox) -> None:
    probe = r"""
    #include <fcntl.h>
    #include <mqueue.h>
    #include <stdio.h>
    #include <sys/socket.h>
    #include <sys/syscall.h>
    #include <unistd.h>
    int main(void) {
        char params[120] = {0};
        long ring = syscall(425, 8, params);  /* io_uring_setup */
        int vsock = socket(40, SOCK_STREAM, 0);  /* AF_VSOCK */
        mqd_t q = mq_open("/declean-probe", O_CREAT | O_RDWR, 0600, NULL);
        printf("%ld %d %d\n", ring, vsock, (int)q);
        return 0;
    }
    """
    result = sandbox.run(probe, [""])
    assert result.ok, result.compile_output
    assert result.runs[0].stdout == "-1 -1 -1\n"


def test_the_kernel_command_line_is_hidden_where_the_backend_can(sandbox: Sandbox) -> None:
    reader = r"""
    #include <stdio.h>
    int main(void) {
        FILE *f = fopen("/proc/cmdline", "r");
        char line[512] = "";
        puts(f && fgets(line, sizeof line, f) ? "visible" : "hidden");
        return 0;
    }
    """
    result = sandbox.run(reader, [""])
    assert result.ok
    # runc refuses mounts over /proc, so docker cannot mask it (docs/sandbox.md, "Backends").
    assert result.runs[0].stdout == ("hidden\n" if sandbox.name == "firejail" else "visible\n")


def test_a_runner_error_drops_its_slot_before_the_retry(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner refuses a job whose work dir already exists (it never reuses one): the
    slot that answered so is thrown away, and the job runs again on a fresh one."""
    if sandbox.name != "firejail":
        pytest.skip("white-box: the host reaches the firejail slot's work dirs directly")
    assert all(r.ok for r in each_slot(sandbox, HELLO))  # every slot is made
    fixed = "0" * 32
    monkeypatch.setattr("sandbox.firejail.uuid.uuid4", lambda: type("U", (), {"hex": fixed})())
    for slot in sandbox._live.values():  # type: ignore[attr-defined]
        (slot.home / "work" / fixed).mkdir()
    before = sandbox.replaced_slots
    result = sandbox.run(HELLO, [""])
    assert result.ok and result.runs[0].stdout == "hello\n"
    assert sandbox.replaced_slots == before + 1
    monkeypatch.undo()
    for slot in sandbox._live.values():  # type: ignore[attr-defined]
        with contextlib.suppress(FileNotFoundError):  # the slot not used keeps its plant
            (slot.home / "work" / fixed).rmdir()
    assert_host_clean(sandbox)
