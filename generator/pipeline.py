"""The overnight job: clean solutions, dedup among them, then one principle at a time.

Work is scheduled as one asyncio task per problem; the LLM adapter and the sandbox pool
bound what runs at once. Every finished sample is committed before the next one starts,
so a killed run resumes from the store and its request cache.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable

from generator.context import Context
from generator.dedup import find_clusters
from generator.principles import Principle
from generator.problems import Problem
from generator.records import Reason, Sample, Status
from generator.stages.clean import make_clean
from generator.stages.declean import make_variant


def principle_order(ctx: Context, clean: Sample) -> list[Principle]:
    order = list(ctx.cfg.principles)
    if ctx.cfg.order == "random":
        random.Random(ctx.seed_for(clean.id, -1)).shuffle(order)
    return order


async def run_chain(ctx: Context, problem: Problem, clean: Sample) -> None:
    """Each accepted variant is the parent of the next principle; a rejected one is skipped."""
    parent = clean
    for principle in principle_order(ctx, clean):
        variant = await make_variant(ctx, parent, principle, problem, clean.outputs or [])
        if variant.status == Status.ACCEPTED:
            parent = variant


def drop_duplicate_cleans(ctx: Context, cleans: list[Sample]) -> list[Sample]:
    """Near-identical clean solutions would yield near-identical variants: pay for one."""
    accepted = [c for c in cleans if c.status == Status.ACCEPTED]
    dups = find_clusters([(c.id, c.code) for c in accepted], threshold=ctx.cfg.dedup_threshold)
    for c in accepted:
        if c.id in dups:
            c.reject(Reason.DUPLICATE, f"duplicate of {dups[c.id]}")
            c.dedup_cluster = dups[c.id]
            ctx.store.save_sample(c)
        else:
            c.dedup_cluster = c.id
    return [c for c in accepted if c.id not in dups]


async def run_problem(
    ctx: Context, problem: Problem, on_clean: Callable[[int], None] = lambda n: None
) -> None:
    k_max = 1 if ctx.cfg.clean_from else ctx.cfg.samples  # a given solution is one sample
    cleans = await asyncio.gather(*(make_clean(ctx, problem, k) for k in range(k_max)))
    keep = drop_duplicate_cleans(ctx, list(cleans))
    on_clean(len(keep))
    await asyncio.gather(*(run_chain(ctx, problem, c) for c in keep))


async def run_all(
    ctx: Context, problems: list[Problem], on_clean: Callable[[int], None] = lambda n: None
) -> None:
    await asyncio.gather(*(run_problem(ctx, p, on_clean) for p in problems))
