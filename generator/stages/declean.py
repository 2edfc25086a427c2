"""Stage 2: break one principle in a parent program, keeping behaviour.

A reply is retried (new seed, warmer temperature) when it holds no program, changes
nothing, or its label is not backed by evidence; then it is built (fix loop) and its
outputs compared with the clean reference (judge only for near misses)."""

from __future__ import annotations

from generator.context import Context
from generator.dedup import normalize
from generator.evidence import Evidence, check
from generator.hints import edit_map, inapplicable, values
from generator.independent.hook import check_independent
from generator.llm import LLMError
from generator.principles import Principle
from generator.problems import Problem
from generator.prompts import Template
from generator.records import Kind, Reason, Sample, Status
from generator.stages import judge
from generator.stages.build import build
from generator.stages.equivalence import compare
from generator.stages.extract import extract_code
from generator.stages.small_edits import Retry, paste_calls, rewrite_pieces
from generator.stages.tidy import drop_unused_function
from sandbox import SandboxError

PASTED = {Principle.DRY, Principle.SRP}  # edits that paste the targeted helper's body
PIECEWISE = {Principle.MC, Principle.NAME}  # edits asked one function (or declaration) at a time


def template(ctx: Context, principle: Principle, code: str) -> tuple[Template, dict[str, str]]:
    """The targeted template and its names when the parent has something to point at.

    The small model copies a program unchanged when told "inline every named constant" but
    makes the edit when the names are spelled out; the generic template covers programs
    with nothing to name (and principles without a targeted file)."""
    hints = values(principle, code) if ctx.cfg.targets else {}
    if principle in PIECEWISE and not edit_map(principle, code):
        hints = {}  # only constants local to a function: no piece can be asked alone
    path = f"targeted/{principle.prompt_name}"
    targeted = ctx.optional_template(path) if hints.get("targets") else None
    if targeted is not None:
        return targeted, hints
    return ctx.template(principle.prompt_name), {}


def messages(ctx: Context, principle: Principle, problem: Problem, code: str) -> list[dict]:
    tpl, hints = template(ctx, principle, code)
    return tpl.render(code=code, statement=problem.statement, **hints)


def parse(text: str) -> str | None:
    return extract_code(text)


def is_no_op(parent: str, variant: str) -> bool:
    return normalize(parent) == normalize(variant)


async def make_variant(
    ctx: Context, parent: Sample, principle: Principle, problem: Problem, reference: list[str]
) -> Sample:
    sid = parent.child_id(principle)
    done = ctx.store.get_sample(sid)
    if done is not None and done.status != Status.PENDING:
        ctx.on_done(done)
        return done
    s = Sample(
        id=sid,
        problem_id=problem.id,
        kind=Kind.VARIANT,
        parent_id=parent.id,
        root_id=parent.root_id,
        principle=principle,
        labels=[*parent.labels, principle],
        model=ctx.llm.model,
        prompt_hash=template(ctx, principle, parent.code)[0].sha,
    )
    ctx.store.start_sample(s)
    if ctx.cfg.skip_inapplicable and (why := inapplicable(principle, parent.code)):
        s.reject(Reason.NOT_APPLICABLE, why)
        ctx.store.save_sample(s)
        ctx.on_done(s)
        return s
    reason, detail = Reason.NO_OP, ""
    for attempt in range(ctx.cfg.retries + 1):
        s.seed = ctx.seed_for(sid, attempt)
        s.temperature = round(
            ctx.cfg.declean_temperature + attempt * ctx.cfg.retry_temperature_step, 3
        )
        try:
            if await _attempt(ctx, s, parent, principle, problem, reference):
                break
        except Retry as r:
            reason, detail = r.reason, r.detail
            ctx.store.add_attempt(
                sid, s.attempts, f"{principle.value}:try{attempt}", s.code, reason.value, detail
            )
            continue
        except LLMError as exc:
            s.reject(Reason.LLM_ERROR, str(exc))
            break
        except SandboxError as exc:  # the sandbox already replaced its slot and retried once
            s.reject(Reason.SANDBOX_ERROR, str(exc))
            break
        break  # a final (non-retryable) rejection was recorded by _attempt
    else:
        s.reject(reason, detail)
    ctx.store.save_sample(s)
    ctx.on_done(s)
    return s


async def _attempt(
    ctx: Context,
    s: Sample,
    parent: Sample,
    principle: Principle,
    problem: Problem,
    reference: list[str],
) -> bool:
    """True when accepted; False when rejected for good; raises Retry for another seed."""
    tpl, hints = template(ctx, principle, parent.code)
    target = hints.get("targets", "")
    if principle in PASTED and target:
        code = await paste_calls(ctx, s, parent.code, principle, tpl, target)
        if (tidied := drop_unused_function(code, target)) != code:
            code = tidied
            s.repairs.append(f"removed {target}: pasted, no longer called")
    elif principle in PIECEWISE and target:
        code = await rewrite_pieces(ctx, s, parent.code, principle, tpl)
    else:
        reply = await ctx.llm.chat(
            messages(ctx, principle, problem, parent.code),
            purpose=f"declean:{principle.value}",
            sample_id=s.id,
            temperature=s.temperature or 0.0,
            seed=s.seed,
        )
        s.attempts += 1
        code = parse(reply.text)
        if code is None:
            s.code = reply.text
            raise Retry(Reason.PARSE_ERROR, "no C program found in the reply")
    s.code = code
    if is_no_op(parent.code, code):
        raise Retry(Reason.NO_OP, "same program as the parent after normalisation")
    _confirm(ctx, s, check(parent.code, code, principle))  # cheap: before paying for fixes
    built = await build(ctx, s, code, problem, principle.value)
    s.code = built.code
    s.sandbox = built.result.model_dump() if built.result else None
    if built.reason is not None:
        s.reject(built.reason, built.detail)
        return False
    if is_no_op(parent.code, s.code):
        raise Retry(Reason.NO_OP, "the fix loop turned it back into the parent")
    ev = check(parent.code, s.code, principle)  # fixes may have undone the violation
    _confirm(ctx, s, ev)
    s.evidence = ev.model_dump(mode="json")
    s.labels = _labels(ctx, parent, principle, ev)
    if why := await check_independent(ctx.cfg.independent, s, parent, ctx.cfg.run_dir):
        raise Retry(Reason.NOT_INDEPENDENT, why)
    s.outputs = [r.stdout for r in built.result.runs] if built.result else []
    await _equivalent(ctx, s, problem, reference)
    s.accept()
    return True


def _confirm(ctx: Context, s: Sample, ev: Evidence) -> None:
    s.evidence = ev.model_dump(mode="json")
    if ctx.cfg.evidence == "reject" and ev.checked and not ev.confirmed:
        raise Retry(Reason.NOT_CONFIRMED, "; ".join(ev.reasons) or "evidence not confirmed")
    if ctx.cfg.collateral == "reject" and ev.collateral:
        names = ", ".join(p.value for p in ev.collateral)
        raise Retry(Reason.COLLATERAL, f"also breaks {names}")


def _labels(ctx: Context, parent: Sample, principle: Principle, ev: Evidence) -> list[Principle]:
    labels = [*parent.labels, principle]
    if ctx.cfg.collateral == "add":
        labels += [p for p in ev.collateral if p not in labels]
    return list(dict.fromkeys(labels))


async def _equivalent(ctx: Context, s: Sample, problem: Problem, reference: list[str]) -> None:
    outputs = s.outputs or []
    cmp = compare(reference, outputs, rel_tol=ctx.cfg.rel_tol)
    s.equivalence = {"method": "exact", **cmp.model_dump()}
    if cmp.equal:
        return
    if not ctx.cfg.judge or cmp.similarity < ctx.cfg.judge_min_similarity:
        raise Retry(
            Reason.NOT_EQUIVALENT,
            f"outputs differ on input(s) {[i + 1 for i in cmp.mismatches]}"
            f" (similarity {cmp.similarity:.2f})",
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
    s.equivalence = {"method": "judge", **cmp.model_dump(), "judge": verdict.model_dump()}
    if not verdict.equivalent:
        raise Retry(Reason.NOT_EQUIVALENT, f"judge: {verdict.reason}")
