"""Stage 2: break one principle in a parent program, keeping behaviour.

A reply is retried (new seed, warmer temperature) when it holds no program, changes
nothing, or its label is not backed by evidence; then it is built (fix loop) and its
outputs compared with the clean reference (judge only for near misses)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from random import Random

from generator.c.extract import extract_code
from generator.c.marks import mark
from generator.c.program import Program
from generator.context import Context
from generator.dedup import normalize
from generator.evidence.model import Evidence
from generator.independent.hook import check_independent
from generator.llm import LLMError
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, joined, rule
from generator.principles.base import targets as request_targets
from generator.principles.check import check
from generator.principles.small_edits import Retry
from generator.problems import Problem
from generator.prompts import Template
from generator.records import Editor, Equivalence, Judgement, Kind, Reason, Sample, Status
from generator.stages import judge
from generator.stages.build import build
from generator.stages.equivalence import compare
from sandbox import SandboxError


@dataclass(frozen=True)
class Job:
    """One edit to make: a principle to break in a parent, parsed once, for a problem
    whose clean reference printed `reference`."""

    ctx: Context
    parent: Sample
    program: Program
    principle: Principle
    problem: Problem
    reference: list[str]


def template(ctx: Context, principle: Principle, found: list[str]) -> tuple[Template, list[str]]:
    """The targeted template and its names when the parent has something to point at
    (`found`, the principle's request targets in it).

    The small model copies a program unchanged when told "inline every named constant" but
    makes the edit when the names are spelled out; the generic template covers programs
    with nothing to name (and principles without a targeted file)."""
    names = found if ctx.cfg.targets else []
    targeted = ctx.optional_template(f"targeted/{principle.prompt_name}") if names else None
    if targeted is not None:
        return targeted, names
    return ctx.template(principle.prompt_name), []


def parse(text: str) -> str | None:
    return extract_code(text)


def is_no_op(parent: str, variant: str) -> bool:
    return normalize(parent) == normalize(variant)


def _new(ctx: Context, parent: Sample, principle: Principle, problem: Problem) -> Sample:
    return Sample(
        id=parent.child_id(principle),
        problem_id=problem.id,
        kind=Kind.VARIANT,
        parent_id=parent.id,
        root_id=parent.root_id,
        principle=principle,
        labels=[*parent.labels, principle],
        model=ctx.llm.model,
    )


def record_unreachable(
    ctx: Context, parent: Sample, principle: Principle, problem: Problem
) -> Sample:
    """A lattice subset whose parent was rejected, recorded with no request: not applicable
    when its parent was (the principle it needs had nothing to act on), else parent_rejected.
    Every label set then shows in the funnel, made or not, and a resume skips it."""
    done = ctx.finished(parent.child_id(principle))
    if done is not None and done.reason != Reason.PARENT_REJECTED:
        ctx.on_done(done)
        return done  # else recorded again below: free, and its parent may have failed anew
    s = _new(ctx, parent, principle, problem)
    s.model = None
    if parent.reason == Reason.NOT_APPLICABLE:
        # name the subset where nothing applied, not the whole line of its heirs
        where, _, why = parent.detail.partition(": ")
        if not (where.startswith(parent.root_id) and why):
            where, why = parent.id, parent.detail
        s.reject(Reason.NOT_APPLICABLE, f"{where}: {why}")
    else:
        why = parent.reason.value if parent.reason else parent.status.value
        s.reject(Reason.PARENT_REJECTED, f"{parent.id} was rejected ({why})")
    ctx.store.save_sample(s)
    ctx.on_done(s)
    return s


@dataclass(frozen=True)
class Outcome:
    """What an attempt came to: accepted (no reason), or a reason and whether another
    seed may do better (retry) or the sample is rejected for good."""

    reason: Reason | None
    detail: str = ""
    retry: bool = False

    def apply(self, s: Sample) -> None:
        if self.reason is None:
            s.accept()
        else:
            s.reject(self.reason, self.detail)


ACCEPTED = Outcome(None)


def editors(ctx: Context, sample_id: str) -> list[Editor]:
    """The editors to try, in order. `mixed` flips a seeded coin per sample for which goes
    first; the other one gets the sample when the first cannot make it."""
    if ctx.cfg.editor != "mixed":
        return [ctx.cfg.editor]
    first: Editor = "llm" if Random(ctx.seed_for(sample_id, -2)).random() < 0.5 else "procedural"
    return [first, "procedural" if first == "llm" else "llm"]


async def make_variant(
    ctx: Context, parent: Sample, principle: Principle, problem: Problem, reference: list[str]
) -> Sample:
    sid = parent.child_id(principle)
    done = ctx.finished(sid, parent_accepted=True)
    if done is not None:
        ctx.on_done(done)
        return done
    job = Job(ctx, parent, Program(parent.code), principle, problem, reference)
    s = _new(ctx, parent, principle, problem)
    ctx.store.start_sample(s)
    tried: list[str] = []
    for editor in editors(ctx, sid):
        if tried:  # the other editor starts from a blank record
            keep = s.attempts
            s = _new(ctx, parent, principle, problem)
            s.attempts = keep
        edit = by_procedure if editor == "procedural" else by_llm
        try:
            await edit(job, s)
        except SandboxError as exc:  # the sandbox already replaced its slot and retried once
            s.reject(Reason.SANDBOX_ERROR, str(exc))
            break
        if s.status == Status.ACCEPTED:
            break
        tried.append(f"{editor}: {s.reason.value if s.reason else '?'}")
    if s.status != Status.ACCEPTED and len(tried) > 1:
        s.detail = f"{s.detail} (tried {'; '.join(tried)})"
    ctx.store.save_sample(s)
    ctx.on_done(s)
    return s


async def by_llm(job: Job, s: Sample) -> None:
    """Today's requests and fix loop; `s` ends accepted or rejected."""
    ctx, principle = job.ctx, job.principle
    s.editor, s.model = "llm", ctx.llm.model
    found = request_targets(principle, job.program)  # for DRY/SRP: a faithful paste, checked
    tpl, names = template(ctx, principle, found)
    s.prompt_hash = tpl.sha
    if ctx.cfg.skip_inapplicable and not found:
        s.reject(Reason.NOT_APPLICABLE, rule(principle).why_not)
        return
    last = Outcome(Reason.NO_OP)
    for attempt in range(ctx.cfg.retries + 1):
        s.seed = ctx.seed_for(s.id, attempt)
        s.temperature = round(
            ctx.cfg.declean_temperature + attempt * ctx.cfg.retry_temperature_step, 3
        )
        try:
            last = await _attempt(job, s, tpl, names)
        except LLMError as exc:
            last = Outcome(Reason.LLM_ERROR, str(exc))
        if not last.retry:
            break
        step = f"{principle.value}:try{attempt}"
        ctx.store.add_attempt(s.id, s.attempts, step, s.code, last.reason.value, last.detail)
    last.apply(s)


SEARCH = 8  # seeds a procedural edit may draw: cheap, only the verdict reads them


async def by_procedure(job: Job, s: Sample) -> None:
    """The principle module's seeded edit, no LLM call: a build that fails is not sent to
    the fix loop and outputs are compared exactly (no judge); another seed picks another
    edit. The same gates as the LLM's edits otherwise: evidence, sandbox, equivalence.

    An edit that leaves a mark no student leaves (`generator/c/marks.py`) is passed over. A
    reviewer's verdict then picks among the seeds' edits: one it calls a violation is
    gated; one that only nears the line (a number the exercise gives, inlined once; a
    rename to `n`) is kept back and becomes a hard negative when no seed gives a violation;
    one it sees nothing of is dropped (`unseen`), since its label would say what no
    reviewer sees."""
    ctx, principle = job.ctx, job.principle
    s.editor, s.model, s.prompt_hash, s.temperature = "procedural", None, None, None
    quiet = replace(ctx, cfg=ctx.cfg.model_copy(update={"max_fixes": 0, "judge": False}))
    gate_job = replace(job, ctx=quiet)
    sight = sighted(principle, job.program)  # the parent's verdict, read once
    last = Outcome(Reason.NO_OP)
    seen: set[str] = set()
    below: tuple[int, Edit, Program] | None = None
    gated = 0
    for attempt in range(SEARCH):
        seed = ctx.seed_for(s.id, attempt)
        edit = rule(principle).procedural(job.program, Random(seed))
        if isinstance(edit, NotApplicable):
            last = Outcome(Reason.NOT_APPLICABLE, edit.reason)
            break
        if edit.code in seen:
            continue  # this seed chose an edit already tried
        seen.add(edit.code)
        variant = edit.program  # the editor's own, parsed if its check read it
        if why := mark(job.program, variant):
            last = Outcome(Reason.MARKED, f"{edit.transform}: {why}")
            continue
        seen_as = sight(variant)
        if seen_as == "below":
            below = below or (seed, edit, variant)
            continue
        if seen_as == "unseen":
            last = Outcome(Reason.UNSEEN, f"{edit.transform}: {UNSEEN_WHY}")
            continue
        gated += 1
        last = await _gate_edit(gate_job, s, (seed, edit, variant), attempt)
        if last.reason is None or gated > ctx.cfg.retries:
            break
    if last.reason is not None and below is not None and gated <= ctx.cfg.retries:
        last = await _gate_edit(gate_job, s, below, SEARCH)
        s.meta["hard_negative"] = last.reason is None
    last.apply(s)


UNSEEN_WHY = "a reviewer's verdict sees nothing of it (docs/decisions.md, 'Hard negatives')"


def sighted(principle: Principle, parent: Program) -> Callable[[Program], str]:
    """What the principle's verdict makes of an edit of `parent`: `violation`, `below` the
    line (it nears it: a reviewer notices and lets it pass), or `unseen` (no nearer than the
    parent). Without a verdict every edit counts as a violation, as before verdicts."""
    judge_of = rule(principle).verdict
    if judge_of is None:
        return lambda _variant: "violation"
    before = judge_of(parent).severity

    def sight(variant: Program) -> str:
        after = judge_of(variant)
        if after.violated:
            return "violation"
        return "below" if after.severity > before else "unseen"

    return sight


async def _gate_edit(job: Job, s: Sample, made: tuple[int, Edit, Program], attempt: int) -> Outcome:
    """One procedural edit (its seed, the edit, its program parsed once) through the gates;
    a failure is logged as an attempt."""
    s.seed, edit, variant = made
    s.code, s.transform, s.repairs = edit.code, edit.transform, list(edit.repairs)
    s.meta["edit"] = edit.details
    last = await _gates(job, s, variant)
    if last.reason is not None and last.retry:  # a failed build is logged by the build
        step = f"{job.principle.value}:edit{attempt}"
        job.ctx.store.add_attempt(s.id, s.attempts, step, s.code, last.reason.value, last.detail)
    return last


async def _attempt(job: Job, s: Sample, tpl: Template, names: list[str]) -> Outcome:
    """What one LLM attempt came to: accepted, worth another seed, or rejected for good."""
    r = rule(job.principle)
    ask = r.ask if names else None
    s.transform = r.transform if ask else "rewrite"
    try:
        if ask is not None:
            variant: Program | None = await ask(job.ctx, s, job.program, tpl, names)
        else:
            code = await _ask_whole(job, s, tpl, names)
            variant = Program(code) if code is not None else None
    except Retry as retry:  # the small requests' own way to say "no edit came of it"
        return Outcome(retry.reason, retry.detail, retry=True)
    if variant is None:
        return Outcome(Reason.PARSE_ERROR, "no C program found in the reply", retry=True)
    s.code = variant.code
    return await _gates(job, s, variant)


def _sort(job: Job, s: Sample, variant: Program) -> Outcome | None:
    """The reviewer's verdict sorts the model's edit as it sorts a procedural one, once the
    evidence says an edit happened: one it sees nothing of is asked again (another seed,
    warmer); one below the line is gated as a hard negative, since asking for a stronger
    edit would cost a request of its own. `evidence = "record"` keeps both, as it keeps
    what the evidence does not confirm."""
    if s.editor != "llm" or job.ctx.cfg.evidence != "reject":
        return None  # the procedural editor sorted its edits before gating them
    seen_as = sighted(job.principle, job.program)(variant)
    if seen_as == "unseen":
        return Outcome(Reason.UNSEEN, f"{s.transform}: {UNSEEN_WHY}", retry=True)
    s.meta.pop("hard_negative", None)
    if seen_as == "below":
        s.meta["hard_negative"] = True
    return None


async def _ask_whole(job: Job, s: Sample, tpl: Template, names: list[str]) -> str | None:
    """The whole program asked for in one request (None: the reply held none)."""
    extra = {"targets": joined(names)} if names else {}
    code = job.parent.code
    reply = await job.ctx.llm.chat(
        tpl.render(code=code, statement=job.problem.statement, **extra),
        purpose=f"declean:{job.principle.value}",
        sample_id=s.id,
        temperature=s.temperature or 0.0,
        seed=s.seed,
    )
    s.attempts += 1
    got = parse(reply.text)
    if got is None:
        s.code = reply.text
    return got


async def _gates(job: Job, s: Sample, variant: Program) -> Outcome:
    """The checks every variant (`s.code`, parsed once as `variant`) passes whatever its
    editor: a change, evidence, sandbox build and run, evidence again, output equivalence.
    Accepted sets outputs and labels."""
    ctx, parent, principle = job.ctx, job.parent, job.principle
    if is_no_op(parent.code, variant.code):
        return Outcome(Reason.NO_OP, "same program as the parent after normalisation", True)
    ev = check(job.program, variant, principle)
    if (bad := _confirm(ctx, s, ev)) is not None:
        return bad  # cheap: before paying for fixes
    if (unseen := _sort(job, s, variant)) is not None:
        return unseen
    built = await build(ctx, s, variant, job.problem, principle.value)
    s.code = built.code
    s.sandbox = built.result
    if built.reason is not None:
        return Outcome(built.reason, built.detail)
    if is_no_op(parent.code, s.code):
        return Outcome(Reason.NO_OP, "the fix loop turned it back into the parent", True)
    if built.code != variant.code:  # repairs or fixes changed it, and may have undone it
        variant = built.parsed
        ev = check(job.program, variant, principle)
        if (bad := _confirm(ctx, s, ev)) is not None:
            return bad
    s.labels = _labels(ctx, parent, principle, ev)
    async with ctx.llm.cpu_turn():  # clang-tidy and lizard are processes like the sandbox's
        why = await check_independent(ctx.cfg.independent, s, parent, ctx.cfg.run_dir)
    if why:
        return Outcome(Reason.NOT_INDEPENDENT, why, retry=True)
    s.outputs = [r.stdout for r in built.result.runs] if built.result else []
    return await _equivalent(ctx, s, job.problem, job.reference)


def _confirm(ctx: Context, s: Sample, ev: Evidence) -> Outcome | None:
    s.evidence = ev
    if ctx.cfg.evidence == "reject" and ev.checked and not ev.confirmed:
        why = "; ".join(ev.reasons) or "evidence not confirmed"
        return Outcome(Reason.NOT_CONFIRMED, why, retry=True)
    if ctx.cfg.collateral == "reject" and ev.collateral:
        names = ", ".join(p.value for p in ev.collateral)
        return Outcome(Reason.COLLATERAL, f"also breaks {names}", retry=True)
    return None


def _labels(ctx: Context, parent: Sample, principle: Principle, ev: Evidence) -> list[Principle]:
    labels = [*parent.labels, principle]
    if ctx.cfg.collateral == "add":
        labels += [p for p in ev.collateral if p not in labels]
    return list(dict.fromkeys(labels))


async def _equivalent(ctx: Context, s: Sample, problem: Problem, reference: list[str]) -> Outcome:
    outputs = s.outputs or []
    cmp = compare(reference, outputs, rel_tol=ctx.cfg.rel_tol)
    s.equivalence = Equivalence(method="exact", **cmp.model_dump())
    if cmp.equal:
        return ACCEPTED
    if not ctx.cfg.judge or cmp.similarity < ctx.cfg.judge_min_similarity:
        return Outcome(
            Reason.NOT_EQUIVALENT,
            f"outputs differ on input(s) {[i + 1 for i in cmp.mismatches]}"
            f" (similarity {cmp.similarity:.2f})",
            retry=True,
        )
    reply = await ctx.llm.chat(
        judge.messages(ctx, problem, reference, outputs, cmp.mismatches),
        purpose="judge",
        sample_id=s.id,
        temperature=0.0,
        seed=0,
        max_tokens=200,
    )
    verdict = judge.parse(reply.text)
    s.equivalence = Equivalence(
        method="judge", **cmp.model_dump(), judge=Judgement(**verdict.model_dump())
    )
    if not verdict.equivalent:
        return Outcome(Reason.NOT_EQUIVALENT, f"judge: {verdict.reason}", retry=True)
    return ACCEPTED
