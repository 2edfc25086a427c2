"""Compile and run in the sandbox; on failure, a bounded LLM fix loop fed with the parsed
diagnostics or the runtime failure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.context import Context
from generator.problems import Problem
from generator.records import Reason, Sample
from generator.stages.extract import extract_code
from generator.stages.repair import repair

if TYPE_CHECKING:
    from sandbox import ProgramResult

MAX_DIAGNOSTICS = 15
STDERR_CHARS = 300


@dataclass
class Built:
    code: str
    result: ProgramResult | None
    reason: Reason | None  # None: compiled and ran cleanly on every input
    detail: str = ""


def failure(result: ProgramResult, inputs: list[str]) -> tuple[Reason, str] | None:
    """The reason and a description the fix prompt can use, or None when all went well."""
    if not result.compiled:
        if result.compile_timed_out:
            return Reason.COMPILE_FAILED, "compilation timed out"
        diags = [d for d in result.diagnostics if d.severity in ("error", "fatal error")]
        diags = diags or list(result.diagnostics)
        lines = [
            f"line {d.line}:{d.column}: {d.severity}: {d.message}"
            if d.line
            else f"{d.severity}: {d.message}"
            for d in diags[:MAX_DIAGNOSTICS]
        ]
        text = "\n".join(lines) or result.compile_output[-1500:] or "compilation failed"
        return Reason.COMPILE_FAILED, "The compiler reported:\n" + text
    for i, run in enumerate(result.runs):
        shown = inputs[i][:200].replace("\n", "\\n") or "(empty)"
        where = f"On input {i + 1} ({shown!r})"
        if run.timed_out:
            return Reason.TIMEOUT, f"{where} the program did not finish in time (endless loop?)"
        if run.signal is not None:
            extra = " (memory limit)" if run.memory_exceeded else ""
            return Reason.RUNTIME_ERROR, f"{where} it crashed with signal {run.signal}{extra}"
        if run.output_truncated:
            return Reason.RUNTIME_ERROR, f"{where} it printed far too much output"
        if run.exit_code != 0:
            err = run.stderr.strip()[:STDERR_CHARS]
            return Reason.RUNTIME_ERROR, f"{where} it exited with code {run.exit_code}. {err}"
    return None


def _summary(result: ProgramResult) -> dict[str, object]:
    return {
        "compiled": result.compiled,
        "diagnostics": len(result.diagnostics),
        "exit_codes": [r.exit_code for r in result.runs],
        "wall_ms": [round(r.wall_ms, 1) for r in result.runs],
    }


async def build(ctx: Context, sample: Sample, code: str, problem: Problem, step: str) -> Built:
    """Run `code`; fix it up to `max_fixes` times. Every round is an attempt in the store."""
    fix = ctx.template("fix")
    result = None
    for round_ in range(ctx.cfg.max_fixes + 1):
        code, repairs = repair(code)
        sample.repairs.extend(r for r in repairs if r not in sample.repairs)
        result = await ctx.sandbox.run_async(code, problem.inputs)
        failed = failure(result, problem.inputs)
        label = step if round_ == 0 else f"{step}:fix{round_}"
        ctx.store.add_attempt(
            sample.id,
            sample.attempts,
            label,
            code,
            failed[0].value if failed else "ok",
            failed[1] if failed else "",
            _summary(result),
        )
        if failed is None:
            return Built(code, result, None)
        if round_ == ctx.cfg.max_fixes:
            return Built(code, result, failed[0], failed[1])
        reply = await ctx.llm.chat(
            fix.render(statement=problem.statement, code=code, failure=failed[1]),
            purpose="fix",
            sample_id=sample.id,
            temperature=0.2,
            seed=ctx.seed_for(sample.id, 100 + sample.attempts),
        )
        sample.attempts += 1
        fixed = extract_code(reply.text)
        if fixed is None:
            return Built(code, result, Reason.PARSE_ERROR, "the fix reply held no program")
        code = fixed
    raise AssertionError("unreachable")
