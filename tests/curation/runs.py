"""Small real run stores for curation tests: problems, clean solutions and variants."""

from __future__ import annotations

from pathlib import Path

from generator.c.program import Program
from generator.principles import Principle
from generator.principles.check import check
from generator.problems import Problem
from generator.records import Kind, Sample, Status
from generator.store import Store

CLEAN_SUM = """#include <stdio.h>

#define MAX_ITEMS 100

static int read_numbers(int *values, int capacity) {
    int count = 0;
    while (count < capacity && scanf("%d", &values[count]) == 1) {
        count++;
    }
    return count;
}

static long sum_of(const int *values, int count) {
    long total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

int main(void) {
    int values[MAX_ITEMS];
    int count = read_numbers(values, MAX_ITEMS);
    printf("%ld\\n", sum_of(values, count));
    return 0;
}
"""

CLEAN_MAX = """#include <stdio.h>

int main(void) {
    int value, best;
    if (scanf("%d", &best) != 1) {
        return 0;
    }
    while (scanf("%d", &value) == 1) {
        if (value > best) {
            best = value;
        }
    }
    printf("%d\\n", best);
    return 0;
}
"""


def mc(code: str) -> str:
    return code.replace("#define MAX_ITEMS 100\n\n", "").replace("MAX_ITEMS", "100")


def name(code: str) -> str:
    for old, new in (("values", "a"), ("count", "n"), ("total", "t"), ("read_numbers", "f1")):
        code = code.replace(old, new)
    return code


def problems() -> list[Problem]:
    return [
        Problem(id="sum-list", title="Sum a list", statement="Print the sum of the numbers.",
                inputs=["1 2 3\n"]),
        Problem(id="max-list", title="Largest number", statement="Print the largest number.",
                inputs=["4 9 2\n"]),
    ]  # fmt: skip


def clean(problem_id: str, k: int, code: str) -> Sample:
    sid = Sample.clean_id(problem_id, k)
    return Sample(
        id=sid, problem_id=problem_id, kind=Kind.CLEAN, root_id=sid, code=code,
        status=Status.ACCEPTED, seed=k, model="test-model", temperature=0.7,
    )  # fmt: skip


def variant(parent: Sample, principle: Principle, code: str) -> Sample:
    """A variant with the evidence the checker gives its code, whatever the verdict: tests of
    dedup or regeneration label codes that do not break their principle on purpose."""
    return Sample(
        id=parent.child_id(principle), problem_id=parent.problem_id, kind=Kind.VARIANT,
        parent_id=parent.id, root_id=parent.root_id, principle=principle,
        labels=[*parent.labels, principle], code=code, status=Status.ACCEPTED,
        seed=parent.seed, model="test-model", temperature=0.7,
        evidence=check(Program(parent.code), Program(code), principle),
    )  # fmt: skip


def small_run(run_dir: Path) -> Store:
    """Two problems; `sum-list` has a clean solution with an MC and an MC+NAME variant."""
    store = Store.open(run_dir)
    store.save_problems(problems())
    c0 = clean("sum-list", 0, CLEAN_SUM)
    v_mc = variant(c0, Principle.MC, mc(CLEAN_SUM))
    v_mc_name = variant(v_mc, Principle.NAME, name(mc(CLEAN_SUM)))
    for v in (v_mc, v_mc_name):  # they really break what they are labelled with
        assert v.evidence is not None and v.evidence.confirmed, v.evidence
    m0 = clean("max-list", 0, CLEAN_MAX)
    for s in (c0, v_mc, v_mc_name, m0):
        store.save_sample(s)
    rejected = clean("max-list", 1, "int main(void) { return 1; }")
    rejected.status = Status.REJECTED
    store.save_sample(rejected)
    return store
