"""What the sandbox costs: compile + run of a ~60-line program, bare on the host vs each backend.

Prints per-job medians (one compile and one run), the ratio to bare, and batch throughput with
the worker pool. Targets: firejail <= 2x bare, docker (warm container) <= 3x bare.

    .venv/bin/python benchmarks/sandbox_overhead.py [-n 20] [--batch 24] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from sandbox import SandboxConfig, get_sandbox, probe_backends

PROGRAM = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 1024
#define MAX_LEN 64

typedef struct {
    char word[MAX_LEN];
    int count;
} Entry;

static Entry table[MAX_WORDS];
static int used;

static int find(const char *word) {
    for (int i = 0; i < used; i++) {
        if (strcmp(table[i].word, word) == 0) {
            return i;
        }
    }
    return -1;
}

static void add(const char *word) {
    int at = find(word);
    if (at >= 0) {
        table[at].count++;
        return;
    }
    if (used == MAX_WORDS) {
        return;
    }
    strncpy(table[used].word, word, MAX_LEN - 1);
    table[used].count = 1;
    used++;
}

static int by_count(const void *a, const void *b) {
    const Entry *x = a;
    const Entry *y = b;
    if (x->count != y->count) {
        return y->count - x->count;
    }
    return strcmp(x->word, y->word);
}

int main(void) {
    char word[MAX_LEN];
    while (scanf("%63s", word) == 1) {
        add(word);
    }
    qsort(table, used, sizeof table[0], by_count);
    for (int i = 0; i < used && i < 5; i++) {
        printf("%s %d\n", table[i].word, table[i].count);
    }
    return 0;
}
"""
# Both sandboxes compile on a tmpfs; so does bare, or the ratio would credit them with the disk.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None
STDIN = "the quick brown fox jumps over the lazy dog the fox " * 20


def bare_job(work: Path, config: SandboxConfig) -> float:
    """Trusted code, straight on the host: the floor the sandbox is measured against."""
    started = time.perf_counter()
    source = work / "main.c"
    source.write_text(PROGRAM)
    binary = work / "prog"
    subprocess.run(
        ["gcc", *config.cflags, "-o", str(binary), str(source), *config.ldlibs],
        check=True,
        env={**os.environ, "TMPDIR": str(work)},
    )
    subprocess.run([str(binary)], input=STDIN.encode(), capture_output=True, check=True)
    return time.perf_counter() - started


def measure(n: int, batch: int, workers: int) -> None:
    config = SandboxConfig(workers=workers)
    rows: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
        bare_job(Path(tmp), config)  # warm the page cache
        bare = statistics.median(bare_job(Path(tmp), config) for _ in range(n))
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
        jobs = [Path(tmp) / str(i) for i in range(batch)]
        for job in jobs:
            job.mkdir()
        started = time.perf_counter()
        for job in jobs:  # bare has no pool: sequential is its honest throughput
            bare_job(job, config)
        rows.append(("bare", bare, batch / (time.perf_counter() - started)))
    for status in probe_backends(config):
        if not status.available:
            print(f"{status.name}: unavailable ({status.reason})")
            continue
        with get_sandbox(config.model_copy(update={"backend": status.name})) as sb:
            assert sb.run(PROGRAM, [STDIN]).ok  # warm: docker starts its container here
            times = []
            for _ in range(n):
                started = time.perf_counter()
                result = sb.run(PROGRAM, [STDIN])
                times.append(time.perf_counter() - started)
                assert result.ok, result
            started = time.perf_counter()
            results = sb.run_batch([(PROGRAM, [STDIN])] * batch)
            throughput = batch / (time.perf_counter() - started)
            assert all(r.ok for r in results)
        rows.append((status.name, statistics.median(times), throughput))

    print(f"\n{n} jobs each (compile + 1 run of a {PROGRAM.count(chr(10))}-line program)")
    print(f"{'backend':<10}{'median ms':>11}{'x bare':>9}{f'batch/s (pool {workers})':>22}")
    for name, median, throughput in rows:
        print(f"{name:<10}{median * 1000:>11.1f}{median / bare:>9.2f}{throughput:>22.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="sequential jobs per backend")
    parser.add_argument("--batch", type=int, default=24, help="jobs in the throughput batch")
    parser.add_argument("--workers", type=int, default=2, help="sandbox worker pool size")
    args = parser.parse_args()
    measure(args.n, args.batch, args.workers)


if __name__ == "__main__":
    main()
