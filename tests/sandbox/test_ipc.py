"""SysV and POSIX IPC against every backend: memory a program keeps in IPC objects is the job's
memory, dies with the job, and never breaks the slot that the next job gets.

A program that filled 4 x 128 MB of SysV shared memory and exited used to leave the segments
charged to the slot's memory cgroup: the runner was OOM-killed next, the job came back as a
`SandboxError` and the sample as `sandbox_error`, on both backends.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator

import pytest

from sandbox import Sandbox, SandboxConfig, SandboxError, get_sandbox, ipc
from tests.sandbox.conftest import BACKENDS, TEST_LIMITS, assert_host_clean

HELLO = '#include <stdio.h>\nint main(void){ puts("hello"); return 0; }'
# More CPU than the shared suite's: touching 350 MB of shared memory takes ~0.5 s of it, and
# a time-out would hide what the memory limit did.
ROOMY = TEST_LIMITS.model_copy(update={"run_cpu_s": 5, "run_wall_s": 10})
HOST_RMID_FORCED = ipc.path("kernel.shm_rmid_forced").read_text().strip()

SYSV_HOG = r"""
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
    for (int i = 0; i < 4; i++) {
        int id = shmget(IPC_PRIVATE, 128u << 20, IPC_CREAT | 0600);
        char *p = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
        printf("segment %d %s\n", i, p == (void *)-1 ? "refused" : "attached");
        fflush(stdout);
        if (p == (void *)-1) return 2;
        memset(p, 1, 128u << 20);  /* and never removed */
    }
    puts("filled");
    return 0;
}
"""

SYSV_LEAVER = r"""
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
    for (int i = 0; i < 2; i++) {
        int id = shmget(0x5EED0 + i, 100u << 20, IPC_CREAT | 0666);
        char *p = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
        if (p == (void *)-1) { printf("segment %d refused\n", i); return 2; }
        memset(p, 1, 100u << 20);
    }
    puts("left 200 MB");
    return 0;
}
"""

AFTER_LEAVER = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
    int found = (shmget(0x5EED0, 0, 0) >= 0) + (shmget(0x5EED1, 0, 0) >= 0);
    size_t size = 200u << 20;
    volatile char *p = malloc(size);
    if (!p) { puts("no memory"); return 1; }
    memset((char *)p, 1, size);
    long sum = 0;
    for (size_t i = 0; i < size; i += 4096) sum += p[i];
    printf("found %d sum %ld\n", found, sum);
    return 0;
}
"""

QUEUE_FILLER = r"""
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
struct message { long type; char text[1024]; };
int main(void) {
    struct message m = {1, {0}};
    memset(m.text, 'q', sizeof m.text);
    long queues = 0, bytes = 0;
    for (int i = 0; i < 100000; i++) {
        int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        if (q < 0) break;
        queues++;
        while (msgsnd(q, &m, sizeof m.text, IPC_NOWAIT) == 0) bytes += sizeof m.text;
    }
    printf("%ld %ld\n", queues, bytes);
    return 0;
}
"""

POSIX_SHM = r"""
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
int main(void) {
    int fd = shm_open("/declean-posix", O_CREAT | O_RDWR, 0600);
    printf("%d\n", fd);
    return 0;
}
"""


@pytest.fixture(scope="module", params=BACKENDS)
def roomy(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """One slot, so the job after a hostile one is served by the same warm jail or container."""
    config = SandboxConfig(backend=request.param, limits=ROOMY, workers=1)
    with get_sandbox(config) as sb:
        yield sb


def test_filling_sysv_shared_memory_is_a_memory_hog_and_the_slot_survives(
    roomy: Sandbox,
) -> None:
    assert roomy.run(HELLO, [""]).ok  # the slot exists before the hog
    before = roomy.replaced_slots
    result = roomy.run(SYSV_HOG, [""])  # no SandboxError: the program's failure is a value
    run = result.runs[0]
    assert result.compiled
    assert run.memory_exceeded, run
    assert run.signal == signal.SIGKILL and not run.timed_out, run
    assert "segment 2 attached" in run.stdout  # the third segment took the group over its limit
    assert_host_clean(roomy)
    after = roomy.run(HELLO, [""])
    assert after.ok and after.runs[0].stdout == "hello\n"
    assert roomy.replaced_slots == before, "the slot was broken and replaced"
    # The settings went into the slot's namespace only, never the host's.
    assert ipc.path("kernel.shm_rmid_forced").read_text().strip() == HOST_RMID_FORCED


def test_shared_memory_left_by_a_job_is_freed_for_the_next(roomy: Sandbox) -> None:
    before = roomy.replaced_slots
    left = roomy.run(SYSV_LEAVER, [""])
    assert left.ok and left.runs[0].stdout == "left 200 MB\n", left.runs[0]
    after = roomy.run(AFTER_LEAVER, [""])
    assert after.ok, after.runs[0]
    assert after.runs[0].stdout == f"found 0 sum {200 << 8}\n"
    assert roomy.replaced_slots == before
    assert_host_clean(roomy)


def test_message_queues_are_few_and_small_and_removed(roomy: Sandbox) -> None:
    before = roomy.replaced_slots
    result = roomy.run(QUEUE_FILLER, [""])
    assert result.ok, result.runs[0]
    queues, queued = map(int, result.runs[0].stdout.split())
    assert 1 <= queues <= int(ipc.FIXED["kernel.msgmni"])
    assert queued <= queues * int(ipc.FIXED["kernel.msgmnb"])
    assert roomy.replaced_slots == before
    assert_host_clean(roomy)
    assert roomy.run(HELLO, [""]).ok


def test_posix_shared_memory_has_nowhere_to_live(roomy: Sandbox) -> None:
    result = roomy.run(POSIX_SHM, [""])
    assert result.ok, result.compile_output
    assert result.runs[0].stdout == "-1\n"
    assert_host_clean(roomy)


def test_shared_memory_reservations_may_pass_a_group_budget_but_not_a_bare_one() -> None:
    budget = 400 << 20
    page = os.sysconf("SC_PAGE_SIZE")
    bound, bare = ipc.sysctls(budget, group_bound=True), ipc.sysctls(budget, group_bound=False)
    assert bound["kernel.shm_rmid_forced"] == bare["kernel.shm_rmid_forced"] == "1"
    assert int(bound["kernel.shmmax"]) == ipc.RESERVE_FACTOR * budget
    assert int(bare["kernel.shmmax"]) == budget
    assert int(bare["kernel.shmall"]) * page <= budget


def test_a_slot_whose_namespace_cannot_be_found_does_not_start() -> None:
    """Without an IPC namespace of its own under the jail, the limits would land nowhere (or
    on the host's): the slot fails to start with a SandboxError instead."""
    bystander = subprocess.Popen(["sleep", "30"])  # our namespace, and no descendants
    try:
        with pytest.raises(SandboxError, match="IPC namespace of its own"):
            ipc.apply(bystander.pid, {"kernel.shm_rmid_forced": "1"})
    finally:
        bystander.kill()
        bystander.wait()
    assert ipc.path("kernel.shm_rmid_forced").read_text().strip() == HOST_RMID_FORCED
