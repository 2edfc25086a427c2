"""Compile and run in the sandbox; on failure, a bounded LLM fix loop fed with the parsed
diagnostics or the runtime failure."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.c.extract import extract_code
from generator.c.formats import repair_formats
from generator.c.program import Program
from generator.c.repair import repair
from generator.context import Context
from generator.dedup import normalize
from generator.problems import Problem
from generator.records import Reason, Sample
from generator.stages.equivalence import compare

if TYPE_CHECKING:
    from sandbox import Diagnostic, ProgramResult

MAX_DIAGNOSTICS = 15
# Warnings that mean undefined behaviour, not style: a printf format that does not match its
# argument, a variable read before it is set. Such a program prints what happens to be in a
# register, so its output is no reference: a variant's build prints something else (seen: a
# clean `printf("%6d", mark)` of a double, every variant of it `not_equivalent`).
UNDEFINED = ("[-Wformat=]", "[-Wuninitialized]")
STDERR_CHARS = 300
DIFF_LINES = 6


@dataclass
class Built:
    code: str
    result: ProgramResult | None
    reason: Reason | None  # None: compiled and ran cleanly on every input
    detail: str = ""
    # The last version that ran cleanly but printed something other than `expected`: what a
    # run that does not require the expected output keeps when the fix rounds run out.
    ran: tuple[str, ProgramResult] | None = None
    program: Program | None = None  # `code` parsed, when a gate reads it next

    @property
    def parsed(self) -> Program:
        """`code` as a program: the one the build parsed, else parsed now."""
        return self.program if self.program is not None else Program(self.code)


def failure(result: ProgramResult, inputs: list[str]) -> tuple[Reason, str] | None:
    """The reason and a description the fix prompt can use, or None when all went well."""
    if not result.compiled:
        if result.compile_timed_out:
            return Reason.COMPILE_FAILED, "compilation timed out"
        diags = [d for d in result.diagnostics if d.severity in ("error", "fatal error")]
        diags = diags or list(result.diagnostics)
        text = _listed(diags) or result.compile_output[-1500:] or "compilation failed"
        return Reason.COMPILE_FAILED, "The compiler reported:\n" + text
    undefined = [d for d in result.diagnostics if d.message.endswith(UNDEFINED)]
    if undefined:
        head = "The compiler reported undefined behaviour (the output is whatever memory held):"
        return Reason.COMPILE_FAILED, f"{head}\n{_listed(undefined)}"
    for i, run in enumerate(result.runs):
        where = f"On input {i + 1} ({_shown(inputs[i])!r})"
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


def other_level(cflags: list[str]) -> list[str]:
    """The same build at another optimisation level (-O0, or -O2 for a -O0 build), warnings
    off: they were read on the first build."""
    level = "-O2" if "-O0" in cflags else "-O0"
    return [f for f in cflags if not f.startswith(("-O", "-W"))] + ["-w", level]


async def unstable(
    ctx: Context, code: str, problem: Problem, result: ProgramResult
) -> tuple[Reason, str] | None:
    """A reference must not depend on memory layout: built at another optimisation level,
    the program must print the same and end the same way on every input. An array written
    past its end or a variable read before it is set often passes one build and gcc's
    warnings (seen: a clean solution writing `temperatures[-40..120]` into 50 doubles, whose
    every variant then crashed). A run that times out in the slower build proves nothing."""
    flags = other_level(list(ctx.sandbox.config.cflags))
    again = await ctx.run(code, problem.inputs, cflags=flags)
    if not again.compiled:
        return None  # it built with the configured flags: a compiler quirk, not the program
    for i, (first, second) in enumerate(zip(result.runs, again.runs, strict=True)):
        if second.timed_out:
            continue
        if (first.stdout, first.exit_code, first.signal) == (
            second.stdout,
            second.exit_code,
            second.signal,
        ):
            continue
        shown = _shown(problem.inputs[i])
        lines = _differing(first.stdout, second.stdout, context=0)
        ended = "" if first.signal == second.signal else f" (signal {second.signal})"
        return Reason.RUNTIME_ERROR, (
            f"On input {i + 1} ({shown!r}) the program prints something else when built with "
            f"{flags[-1]}{ended}: its output depends on undefined behaviour (an array used "
            "past its end, a variable read before it is set). Lines with - are the first "
            "build's, + the second's:\n" + "\n".join(lines)
        )
    return None


def _shown(stdin: str) -> str:
    """An input as one short line, for a message about it."""
    return stdin[:200].replace("\n", "\\n") or "(empty)"


def _differing(want: str, got: str, context: int) -> list[str]:
    """The first lines that differ, `-` for `want` and `+` for `got`, with `context` lines."""
    diff = difflib.unified_diff(want.splitlines(), got.splitlines(), lineterm="", n=context)
    return [ln for ln in diff if not ln.startswith(("---", "+++", "@@"))][: 2 * DIFF_LINES]


def _listed(diagnostics: list[Diagnostic]) -> str:
    """The first diagnostics, one a line, as the fix prompt shows them."""
    return "\n".join(
        f"line {d.line}:{d.column}: {d.severity}: {d.message}"
        if d.line
        else f"{d.severity}: {d.message}"
        for d in diagnostics[:MAX_DIAGNOSTICS]
    )


def _summary(result: ProgramResult) -> dict[str, object]:
    return {
        "compiled": result.compiled,
        "diagnostics": len(result.diagnostics),
        "exit_codes": [r.exit_code for r in result.runs],
        "wall_ms": [round(r.wall_ms, 1) for r in result.runs],
    }


def wrong_output(
    result: ProgramResult, inputs: list[str], expected: list[str], rel_tol: float
) -> tuple[Reason, str] | None:
    """A program that runs but prints the wrong thing, told the way a teacher would: the
    input, then the first lines that differ, expected against printed."""
    outputs = [r.stdout for r in result.runs]
    cmp = compare(expected, outputs, rel_tol=rel_tol)
    if cmp.equal:
        return None
    i = cmp.mismatches[0]
    shown = _shown(inputs[i])
    lines = _differing(expected[i], outputs[i], context=1)
    return Reason.NOT_EQUIVALENT, (
        f"On input {i + 1} ({shown!r}) the output is wrong "
        "(lines with - are expected, lines with + are what it printed):\n" + "\n".join(lines)
    )


def _note_repairs(sample: Sample, repairs: list[str]) -> None:
    sample.repairs.extend(r for r in repairs if r not in sample.repairs)


def _record(
    ctx: Context,
    sample: Sample,
    label: str,
    code: str,
    result: ProgramResult,
    failed: tuple[Reason, str] | None,
) -> None:
    outcome, detail = (failed[0].value, failed[1]) if failed else ("ok", "")
    ctx.store.add_attempt(
        sample.id, sample.attempts, label, code, outcome, detail, _summary(result)
    )


async def _run_repaired(
    ctx: Context, sample: Sample, program: Program, problem: Problem, label: str
) -> tuple[Program, str, ProgramResult, tuple[Reason, str] | None]:
    """Run `program`; when it built but gcc warned of a format slip `repair_formats` knows,
    record that run and run the repaired program (step `<label>:repaired`)."""
    result = await ctx.run(program.code, problem.inputs)
    failed = failure(result, problem.inputs)
    if failed and result.compiled:
        repaired, repairs = repair_formats(program, result.diagnostics)
        if repairs:
            _record(ctx, sample, label, program.code, result, failed)
            program, label = repaired, f"{label}:repaired"
            _note_repairs(sample, repairs)
            result = await ctx.run(program.code, problem.inputs)
            failed = failure(result, problem.inputs)
    return program, label, result, failed


async def build(
    ctx: Context,
    sample: Sample,
    program: Program,
    problem: Problem,
    step: str,
    expected: list[str] | None = None,
    fixes: int | None = None,
    reference: bool = False,
) -> Built:
    """Run `program`; fix it up to `fixes` (default `max_fixes`) times. Every round is an
    attempt in the store, and so is the run after a repair of gcc's format warnings.

    With `expected`, a program that runs but prints something else is fixed like a crash.
    A `reference` (a clean solution, whose outputs every variant must print) must also be
    `unstable`-free."""
    fix = ctx.template("fix")
    result = None
    ran: tuple[str, ProgramResult] | None = None
    wrong_rounds = 0
    fixes = ctx.cfg.max_fixes if fixes is None else fixes
    for round_ in range(fixes + 1):
        program, repairs = repair(program)
        _note_repairs(sample, repairs)
        label = step if round_ == 0 else f"{step}:fix{round_}"
        program, label, result, failed = await _run_repaired(ctx, sample, program, problem, label)
        code = program.code
        if failed is None and reference:
            failed = await unstable(ctx, code, problem, result)
        if failed is None and expected is not None:
            failed = wrong_output(result, problem.inputs, expected, ctx.cfg.rel_tol)
            ran = (code, result) if failed else ran
        _record(ctx, sample, label, code, result, failed)
        if failed is None:
            return Built(code, result, None, program=program)
        # One round for a wrong output: the 1.5B model never got one right in a second round,
        # and a run that does not require `expected` keeps the version that ran anyway.
        wrong_again = failed[0] == Reason.NOT_EQUIVALENT and wrong_rounds > 0
        if round_ == fixes or wrong_again:
            return Built(code, result, failed[0], failed[1], ran, program)
        wrong_rounds += failed[0] == Reason.NOT_EQUIVALENT
        sample.sent(fix.sha)
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
            return Built(code, result, Reason.PARSE_ERROR, "the fix reply held no program", ran)
        if normalize(fixed) == normalize(code):
            # Asked again, a small model returns the same program again: measured on the
            # 1.5B model, every repeated fix round was a copy. Stop paying for them.
            detail = f"{failed[1]}\n(the fix reply changed nothing)"
            return Built(code, result, failed[0], detail, ran, program)
        program = Program(fixed)
    raise AssertionError("unreachable")
