"""The pipeline's one call into the analysers, after declean's own evidence passed.

Policy (`independent` in the run config): `record` stores the verdict and figures on the
sample; `reject` also says why the variant must be retried (then rejected as
`not_independent`) when the analysers do not confirm the principle it was asked to break;
`off` runs nothing. A failing analyser is recorded on the sample and rejects nothing: it
says nothing about the program."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Literal

from generator.independent.verdicts import judge
from generator.records import Sample

Policy = Literal["record", "reject", "off"]


async def check_independent(
    policy: Policy, s: Sample, parent: Sample, cache_dir: Path | None
) -> str | None:
    """Record the analysers' verdict on `s`; return a reason to retry it, or None."""
    if policy == "off":
        return None
    try:
        # Off the event loop: clang-tidy takes tens of milliseconds a program.
        out = await asyncio.to_thread(judge, parent.code, s.code, cache_dir)
    except Exception as exc:
        s.independent_confirmed = []
        s.independent_metrics = {"error": f"{type(exc).__name__}: {exc}"}
        return None
    s.independent_confirmed = out.confirmed
    s.independent_metrics = out.metrics
    if policy == "reject" and s.principle is not None and s.principle not in out.confirmed:
        return f"the independent analysers do not confirm {s.principle.value}"
    return None
