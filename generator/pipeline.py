"""The overnight job: clean solutions, dedup among them, then the de-cleaned variants.

With `combinations = "all"` (the default) every non-empty subset of the configured principles
is made for each clean solution, each from the subset without its last principle in the
canonical order (the lattice: `c0+DRY+MC` comes from `c0+DRY`), so every label set occurs
and no principle is only seen together with the ones before it. `chain` makes one path, as
the first versions did: DRY, then DRY+SRP, ...

Work is scheduled as one asyncio task per problem; the LLM adapter and the sandbox pool
bound what runs at once. Every finished sample is committed before the next one starts,
so a killed run resumes from the store and its request cache.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from itertools import combinations

from generator.context import Context
from generator.dedup import cluster
from generator.principles import Principle
from generator.problems import Problem
from generator.records import Reason, Sample, Status
from generator.stages.clean import clean_count, make_clean
from generator.stages.declean import make_variant, record_unreachable


def principle_order(ctx: Context, clean: Sample) -> list[Principle]:
    order = list(ctx.cfg.principles)
    if ctx.cfg.order == "random":
        random.Random(ctx.seed_for(clean.id, -1)).shuffle(order)
    return order


def lattice(principles: list[Principle]) -> list[tuple[Principle, ...]]:
    """Every non-empty subset, in canonical (enum) order inside, smaller subsets first."""
    canonical = [p for p in Principle if p in principles]
    return [s for k in range(1, len(canonical) + 1) for s in combinations(canonical, k)]


def variants_per_clean(ctx: Context) -> int:
    n = len(ctx.cfg.principles)
    return 2**n - 1 if ctx.cfg.combinations == "all" else n


async def run_lattice(ctx: Context, problem: Problem, clean: Sample) -> None:
    """One level of the lattice at a time: a subset's parent is finished before it starts.

    A subset whose parent was rejected is recorded, with no request: as not applicable
    when the parent was (the principle it needs has nothing to act on), else as
    parent_rejected."""
    made: dict[tuple[Principle, ...], Sample] = {(): clean}
    reference = clean.outputs or []
    for size in range(1, len(ctx.cfg.principles) + 1):
        level = [s for s in lattice(ctx.cfg.principles) if len(s) == size]
        done = await asyncio.gather(
            *(_subset(ctx, problem, made[s[:-1]], s[-1], reference) for s in level)
        )
        made.update(zip(level, done, strict=True))


async def _subset(
    ctx: Context, problem: Problem, parent: Sample, principle: Principle, reference: list[str]
) -> Sample:
    if parent.status == Status.ACCEPTED:
        return await make_variant(ctx, parent, principle, problem, reference)
    return record_unreachable(ctx, parent, principle, problem)


async def run_chain(ctx: Context, problem: Problem, clean: Sample) -> None:
    """Each accepted variant is the parent of the next principle; a rejected one is skipped.
    The chain stops at one the next run retries (an LLM or sandbox failure): going on from
    its parent would make a path that the retry, once it succeeds, no longer follows."""
    parent = clean
    for principle in principle_order(ctx, clean):
        variant = await make_variant(ctx, parent, principle, problem, clean.outputs or [])
        if variant.status == Status.ACCEPTED:
            parent = variant
        elif ctx.retried_later(variant):
            return


def drop_duplicate_cleans(ctx: Context, cleans: list[Sample]) -> list[Sample]:
    """Near-identical clean solutions would yield near-identical variants: pay for one.

    The ones kept by an earlier run come first and stay representatives (`dedup_cluster`,
    saved as soon as one is kept): a clean solution retried after an llm_error must not
    displace one whose variants are made already."""
    accepted = [c for c in cleans if c.status == Status.ACCEPTED]
    ranked = sorted(accepted, key=lambda c: (c.dedup_cluster != c.id, c.id))
    found = cluster([(c.id, c.code) for c in ranked], threshold=ctx.cfg.dedup_threshold)
    for c in accepted:
        if c.id in found:
            c.reject(Reason.DUPLICATE, f"duplicate of {found[c.id].representative}")
            c.dedup_cluster = found[c.id].representative
            ctx.store.save_sample(c)
        elif c.dedup_cluster != c.id:
            c.dedup_cluster = c.id
            ctx.store.save_sample(c)
    return [c for c in accepted if c.id not in found]


async def run_problem(
    ctx: Context, problem: Problem, on_clean: Callable[[int], None] = lambda n: None
) -> None:
    k_max = clean_count(ctx.cfg, problem)  # given solutions: one sample per file
    cleans = await asyncio.gather(*(make_clean(ctx, problem, k) for k in range(k_max)))
    keep = drop_duplicate_cleans(ctx, list(cleans))
    on_clean(len(keep))
    run = run_lattice if ctx.cfg.combinations == "all" else run_chain
    await asyncio.gather(*(run(ctx, problem, c) for c in keep))


async def run_all(
    ctx: Context, problems: list[Problem], on_clean: Callable[[int], None] = lambda n: None
) -> None:
    await asyncio.gather(*(run_problem(ctx, p, on_clean) for p in problems))
