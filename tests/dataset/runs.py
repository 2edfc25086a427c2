"""Small but real run stores for the dataset tests, written through `Store` and `Sample`."""

from __future__ import annotations

from pathlib import Path

from generator.principles import Principle
from generator.problems import Problem
from generator.records import Kind, Reason, Sample
from generator.store import Store
from tests.evidenced import confirmed, procedural

# Every program text is unique (problem id and clean index in its first line), and a variant's
# text ends with one `/* PRINCIPLE */` marker per step, so a scripted detector can tell samples
# apart. The program offers every principle's procedural edit, in any order, and each edit is
# one the checker confirms: the variants really break what they are labelled with.
CLEAN = """/* {pid}: clean {n} */
#include <stdio.h>

#define MAX_SCORES 16
#define MAX_SCORE 100
#define PASS_MARK 50
#define PERCENT 100

static int clamp_score(int score)
{{
    if (score > MAX_SCORE) {{
        return MAX_SCORE;
    }}
    return score;
}}

static int read_scores(int *scores, int capacity)
{{
    int count = 0;
    while (count < capacity && scanf("%d", &scores[count]) == 1) {{
        scores[count] = clamp_score(scores[count]);
        count++;
    }}
    return count;
}}

static int count_passed(const int *scores, int count)
{{
    int passed = 0;
    for (int i = 0; i < count; i++) {{
        if (scores[i] >= PASS_MARK) {{
            passed++;
        }}
    }}
    return passed;
}}

static void print_score(const char *label, int score)
{{
    int percent = score * PERCENT / MAX_SCORE;
    if (score >= PASS_MARK) {{
        printf("%s: %d (%d%%, passed)\\n", label, score, percent);
    }} else {{
        printf("%s: %d (%d%%, failed)\\n", label, score, percent);
    }}
}}

int main(void)
{{
    int scores[MAX_SCORES];
    int count = read_scores(scores, MAX_SCORES);
    if (count == 0) {{
        return 0;
    }}
    print_score("first", scores[0]);
    print_score("last", scores[count - 1]);
    printf("passed %d of %d\\n", count_passed(scores, count), count);
    return 0;
}}
"""
# What no compiler accepts; the scripted detector knows it by this line.
NO_COMPILE_MARK = "/* does not compile */"


def problem(pid: str) -> Problem:
    return Problem(id=pid, title=pid.title(), statement=f"Print the answer of {pid}.", inputs=[""])


def add_problem(
    store: Store,
    pid: str,
    chains: list[list[Principle]],
    no_compile: int = 0,
    rejected: int = 0,
) -> list[Sample]:
    """One clean program per chain; each chain is the principles broken one after another.

    `no_compile` extra variants fail to compile, `rejected` extra variants are duplicates:
    only the former may enter a dataset.
    """
    store.save_problems([problem(pid)])
    out: list[Sample] = []
    for k, chain in enumerate(chains):
        clean = Sample(
            id=Sample.clean_id(pid, k),
            problem_id=pid,
            kind=Kind.CLEAN,
            root_id=Sample.clean_id(pid, k),
            code=CLEAN.format(pid=pid, n=k),
            model="fake-model",
            seed=k,
            temperature=0.7,
            prompt_hash="aaaaaaaaaaaa",
        ).accept()
        store.save_sample(clean)
        out.append(clean)
        parent = clean
        for p in chain:
            edit = procedural(parent.code, p, k)
            code = edit.code.rstrip("\n") + f"\n/* {p.value} */\n"
            child = Sample(
                id=parent.child_id(p),
                problem_id=pid,
                kind=Kind.VARIANT,
                parent_id=parent.id,
                root_id=clean.id,
                principle=p,
                labels=[*parent.labels, p],
                code=code,
                editor="procedural",
                transform=edit.transform,
                model="fake-model",
                seed=k,
                temperature=0.7,
                prompt_hash=f"{p.value.lower():b<12}",
                evidence=confirmed(parent.code, code, p),
            ).accept()
            store.save_sample(child)
            out.append(child)
            parent = child
    clean0 = out[0]
    for j in range(no_compile):
        bad = Sample(
            id=f"{clean0.id}+MC~nc{j}",
            problem_id=pid,
            kind=Kind.VARIANT,
            parent_id=clean0.id,
            root_id=clean0.id,
            principle=Principle.MC,
            labels=[Principle.MC],
            code=f"/* {pid} */ {NO_COMPILE_MARK}\nint main(void) {{ return x{j}; }}\n",
            model="fake-model",
        ).reject(Reason.COMPILE_FAILED, "error: 'x' undeclared")
        store.save_sample(bad)
        out.append(bad)
    for j in range(rejected):
        dup = Sample(
            id=f"{clean0.id}+NAME~dup{j}",
            problem_id=pid,
            kind=Kind.VARIANT,
            parent_id=clean0.id,
            root_id=clean0.id,
            principle=Principle.NAME,
            labels=[Principle.NAME],
            code=clean0.code,
        ).reject(Reason.DUPLICATE)
        store.save_sample(dup)
        out.append(dup)
    return out


def small_run(run_dir: Path) -> Path:
    """Six problems, every label present, a few compile failures and duplicates."""
    P = Principle
    with Store.open(run_dir) as store:
        add_problem(store, "sum-two", [[P.MC], [P.NAME, P.DRY]], no_compile=1)
        add_problem(store, "max-of-three", [[P.SRP], [P.DRY]], rejected=1)
        add_problem(store, "fizz-buzz", [[P.MC, P.NAME], []])
        add_problem(store, "reverse-string", [[P.DRY, P.SRP]], no_compile=1)
        add_problem(store, "count-vowels", [[P.NAME], [P.MC]])
        add_problem(store, "gcd", [[P.SRP, P.MC]], rejected=1)
    return run_dir


def skewed_run(run_dir: Path) -> Path:
    """Labels concentrated in a few problems of very different sizes: random splits go wrong."""
    P = Principle
    with Store.open(run_dir) as store:
        add_problem(store, "p-srp-heavy", [[P.SRP, P.DRY]] * 4)
        add_problem(store, "p-srp-light", [[P.SRP]] * 2)
        add_problem(store, "p-mc-heavy", [[P.MC, P.NAME]] * 5)
        add_problem(store, "p-mc-light", [[P.MC]])
        add_problem(store, "p-name", [[P.NAME]] * 3, no_compile=2)
        add_problem(store, "p-dry", [[P.DRY]] * 2, no_compile=1)
        for i in range(8):
            add_problem(store, f"p-clean-{i}", [[]] * (1 + i % 3))
        add_problem(store, "p-mixed-a", [[P.MC], [P.NAME], [P.SRP]])
        add_problem(store, "p-mixed-b", [[P.DRY], [P.MC, P.SRP]])
    return run_dir
