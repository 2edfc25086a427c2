"""Stage 1: a clean solution per (problem, k). Its outputs become the reference."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.c.extract import extract_code
from generator.c.program import Program
from generator.config import RunConfig
from generator.context import Context
from generator.errors import ConfigError
from generator.limits import MAX_SOURCE_BYTES
from generator.llm import LLMError
from generator.principles.base import verdicts
from generator.problems import Problem
from generator.records import Kind, Reason, Sample
from generator.stages.build import build, failure, unstable
from generator.stages.equivalence import compare
from sandbox import SandboxError

if TYPE_CHECKING:
    from sandbox import ProgramResult

NO_PROGRAM = "no C program found in the reply"


def messages(ctx: Context, problem: Problem) -> list[dict[str, str]]:
    return ctx.template("clean").render(title=problem.title, statement=problem.statement)


def parse(text: str) -> str | None:
    return extract_code(text)


async def make_clean(ctx: Context, problem: Problem, k: int) -> Sample:
    sid = Sample.clean_id(problem.id, k)
    done = ctx.finished(sid)
    if done is not None:
        ctx.on_done(done)  # finished in an earlier run: resume skips it
        return done
    s = Sample(
        id=sid,
        problem_id=problem.id,
        kind=Kind.CLEAN,
        root_id=sid,
        seed=ctx.seed_for(sid),
        temperature=ctx.cfg.temperature,
        model=ctx.llm.model,
        prompt_hash=ctx.template("clean").sha,
    )
    ctx.store.start_sample(s)
    try:
        s = await (_adopt(ctx, problem, s, k) if ctx.cfg.clean_from else _generate(ctx, problem, s))
    except LLMError as exc:
        s.reject(Reason.LLM_ERROR, str(exc))
    except SandboxError as exc:  # the sandbox already replaced its slot and retried once
        s.reject(Reason.SANDBOX_ERROR, str(exc))
    ctx.store.save_sample(s)
    ctx.on_done(s)
    return s


def unclean(ctx: Context, program: Program) -> str | None:
    """Why a generated program is no clean starting point, or None: a reviewer's verdict
    flags it and `flagged_roots = "filter"` (by default such a root is kept, and its rows
    carry those labels, as a course's flagged submission does: asking again mostly gets a
    warmer, broken program), or it has fewer helpers or named constants than the run asks
    for (none by default: a small program all in `main` with a number the statement gives
    is what accepted student code looks like, docs/decisions.md)."""
    if ctx.cfg.flagged_roots == "filter" and (why := flagged(program)):
        return why
    facts = program.facts
    helpers = [f for f in facts.functions if f.name != "main"]
    if len(helpers) < ctx.cfg.min_helpers:
        return f"{len(helpers)} function(s) besides main (need {ctx.cfg.min_helpers})"
    if len(facts.constants) < ctx.cfg.min_constants:
        return f"{len(facts.constants)} named constant(s) (need {ctx.cfg.min_constants})"
    return None


def flagged(program: Program | str) -> str | None:
    """What a reviewer's verdict flags in `program`, or None."""
    found = [v for v in verdicts(program).values() if v.violated]
    if not found:
        return None
    said = "; ".join(f"{v.principle.value} ({', '.join(v.reasons)})" for v in found)
    return f"a reviewer's verdict flags it: {said}"


def clean_files(cfg: RunConfig, problem: Problem) -> list[Path]:
    """The given clean solutions of `problem`, sample c0, c1, ... in this order: `DIR/<id>.c`
    alone as ever, else every `DIR/<id>/*.c` (a course's accepted submissions, `declean
    problems import`) in sorted order. `--samples` caps the folder only when the user gave it:
    its default of 3 is about asking a model, and a course's roots are all wanted."""
    base = Path(cfg.clean_from or ".")
    single = base / f"{problem.id}.c"
    if single.is_file():
        return [single]
    found = sorted(p for p in (base / problem.id).glob("*.c") if p.is_file())
    return found[: cfg.samples] if "samples" in cfg.model_fields_set else found


def read_clean_file(path: Path) -> str:
    """A given clean solution's text, or a ConfigError naming the file: checked for every
    problem before the run starts, so one bad file stops nothing half-way."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ConfigError(
                f"--clean-from: {path} is {size // 1024} KB; a clean solution may be at most"
                f" {MAX_SOURCE_BYTES // 1024} KB (one C program)"
            )
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"--clean-from: {path} is not UTF-8 text (byte {exc.start}:"
            f" {exc.object[exc.start]:#04x}); save it as UTF-8, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    except OSError as exc:
        raise ConfigError(f"--clean-from: cannot read {path}: {exc.strerror or exc}") from None


def clean_count(cfg: RunConfig, problem: Problem) -> int:
    """How many clean samples `problem` gets: its given files, else `--samples`."""
    return len(clean_files(cfg, problem)) if cfg.clean_from else cfg.samples


async def _adopt(ctx: Context, problem: Problem, s: Sample, k: int) -> Sample:
    """Your own solution `k` as clean sample `k`: built and run as it is (no LLM, no fix), so
    a teacher's model answers, the corpus references or a course's accepted submissions are
    what gets de-cleaned; `meta["source"]` says which file it was."""
    path = clean_files(ctx.cfg, problem)[k]
    s.code, s.model, s.prompt_hash, s.seed, s.temperature = (
        read_clean_file(path),
        None,
        None,
        None,
        None,
    )
    s.meta["source"] = str(path)
    result = await ctx.run(s.code, problem.inputs)
    s.sandbox = result
    why = failure(result, problem.inputs) or await unstable(ctx, s.code, problem, result)
    outcome, detail = (why[0].value, why[1]) if why else ("ok", "")
    ctx.store.add_attempt(s.id, 0, "clean:given", s.code, outcome, detail)
    if why is not None:
        return s.reject(why[0], f"{path}: {why[1]}")
    if ctx.cfg.flagged_roots == "filter" and (said := flagged(s.code)):
        return s.reject(Reason.NOT_CLEAN, f"{path}: {said} (flagged_roots = filter)")
    return _reference(ctx, problem, s, result)


async def _generate(ctx: Context, problem: Problem, s: Sample) -> Sample:
    """Ask until a program is shaped like a clean one and runs; each new try is a fresh
    solution with a new seed, after the fix loop on the previous one gave up."""
    check = problem.expected if ctx.cfg.fix_expected or ctx.cfg.require_expected else None
    fixes = ctx.cfg.clean_fix_rounds(embedded=ctx.llm.shares_cpu)
    for attempt in range(ctx.cfg.clean_retries + 1):
        s.seed = ctx.seed_for(s.id, attempt)
        s.temperature = retry_temperature(ctx.cfg, attempt)
        reply = await ctx.llm.chat(
            messages(ctx, problem),
            purpose="clean",
            sample_id=s.id,
            temperature=s.temperature,
            seed=s.seed,
        )
        s.attempts += 1
        code = parse(reply.text)
        program = Program(code) if code is not None else None
        if program is None or (why := unclean(ctx, program)):
            reason = Reason.PARSE_ERROR if code is None else Reason.NOT_CLEAN
            s.code, detail = code or reply.text, NO_PROGRAM if code is None else why
            step = f"clean:try{attempt}"
            ctx.store.add_attempt(s.id, s.attempts, step, s.code, reason.value, detail)
            continue
        built = await build(
            ctx, s, program, problem, "clean", expected=check, fixes=fixes, reference=True
        )
        if built.reason is not None and built.ran and not ctx.cfg.require_expected:
            # Still wrong, or broken by a later fix round: keep the last version that ran,
            # its outputs the reference, marked as not matching `expected` below.
            ran = built.ran
            built = replace(built, code=ran[0], result=ran[1], reason=None, program=None)
        s.code = built.code
        s.sandbox = built.result
        if built.reason is None:
            break
        reason, detail = built.reason, built.detail
    else:
        return s.reject(reason, detail)
    assert built.result is not None
    return _reference(ctx, problem, s, built.result)


def retry_temperature(cfg: RunConfig, attempt: int) -> float:
    """The temperature of clean try `attempt` (0 first): warmer after each failed one, since
    a problem the model got wrong at the first temperature it mostly gets wrong again the
    same way there (docs/decisions.md, "Clean temperatures")."""
    return round(min(2.0, cfg.temperature + attempt * cfg.clean_retry_temperature_step), 4)


def _reference(ctx: Context, problem: Problem, s: Sample, result: ProgramResult) -> Sample:
    """Accept a clean sample that ran: its outputs are the reference from now on."""
    s.outputs = [r.stdout for r in result.runs]
    if problem.expected is not None:
        matches = compare(problem.expected, s.outputs, rel_tol=ctx.cfg.rel_tol).equal
        s.meta["matches_expected"] = matches
        if ctx.cfg.require_expected and not matches:
            return s.reject(Reason.NOT_EQUIVALENT, "output differs from the problem's expected")
    return s.accept()
