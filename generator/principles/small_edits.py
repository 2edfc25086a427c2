"""The small requests a targeted LLM edit is made of: a helper's body pasted at one call
line at a time, and one top-level piece rewritten at a time. A small model finishes these;
on a whole program it drops definitions, stops halfway or returns the program unchanged.
The principle modules (`generator/principles/`) say what each request asks and how the
answers are put together; this module asks and collects. `Retry` tells the caller
(`declean.by_llm`) to try again with a new seed."""

from __future__ import annotations

from collections.abc import Callable

from generator.c import paste, pieces
from generator.c.program import Program
from generator.context import Context
from generator.dedup import normalize
from generator.prompts import Template
from generator.records import Reason, Sample

Message = dict[str, str]


class Retry(Exception):
    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


async def ask(ctx: Context, s: Sample, messages: list[Message], i: int, k: int) -> str | None:
    """The code of the answer to one small request: the `k`-th try at the `i`-th place,
    each try a little warmer, each place with a seed of its own."""
    principle = s.principle.value if s.principle else "?"
    reply = await ctx.llm.chat(
        messages,
        purpose=f"declean:{principle}",
        sample_id=s.id,
        temperature=(s.temperature or 0.0) + k * ctx.cfg.retry_temperature_step,
        seed=((s.seed or 0) + 7919 * i + k) & 0x7FFFFFFF,
    )
    s.attempts += 1
    return paste.snippet(reply.text)


LINE_TRIES = 2  # a call line the model answered badly is asked once more, told what was wrong


async def paste_calls(
    ctx: Context, s: Sample, parent: Program, tpl: Template, name: str, sites: list[str]
) -> Program:
    """The parent with `name`'s body pasted at the call lines `sites`, one small request
    per line.

    The model is shown the helper and the value for each parameter, not the line (shown the
    line, it echoed it back). An answer that is empty, still calls `name`, still names a
    parameter, copies only part of the body or lacks the value to return is answered with
    what was wrong (`targeted/paste_fix`) and asked again; a line still answered badly keeps
    its call; none pasted at all is a no-op (retried with new seeds by the caller). Each
    line pasted makes a new `Program`: the next line's `scoped` reads the copies so far."""
    helper = paste.helper_text(parent, name)
    fix = ctx.template("targeted/paste_fix")
    program, pos, pasted = parent, 0, 0
    for i, line in enumerate(sites[: paste.MAX_CALLS]):
        bound = paste.bindings(parent, name, line)
        if bound is None or paste.captures(parent, name, line):
            continue  # a value the body's own variable would shadow keeps its call
        asked = tpl.render(targets=name, helper=helper, bindings=bound)
        messages = asked
        for k in range(LINE_TRIES):
            text = await ask(ctx, s, messages, i, k)
            statements, wrong = paste.answer(parent, name, line, text)
            if statements is None:
                if text is not None:  # the model sees its own answer and what was wrong
                    said = {"role": "assistant", "content": f"```c\n{text}\n```"}
                    told = fix.render(mistake=wrong, targets=name, bindings=bound)
                    s.sent(fix.sha)
                    messages = [*asked, said, *told]
                continue
            statements, clash = paste.scoped(program, line, statements)
            if clash:
                s.repairs.append(f"pasted {name} in a block of its own: {sorted(clash)}")
            program, pos = paste.put(program, line, statements, pos)
            pasted += 1
            break
    if not pasted:
        raise Retry(Reason.NO_OP, f"no call of {name} was replaced by its body")
    return program


# (piece, the edits it needs) -> the messages asking for them
Render = Callable[[pieces.Piece, dict[str, str]], list[Message]]
# (piece, the edits it needs) -> the name of the function the answer must define
Expect = Callable[[pieces.Piece, dict[str, str]], str | None]
# (piece before, answer, the edits asked) -> whether the answer made the edit
AsAsked = Callable[[pieces.Piece, Program, dict[str, str]], bool]


async def rewrite_pieces(
    ctx: Context,
    s: Sample,
    parts: list[pieces.Piece],
    edits: dict[str, str],
    render: Render,
    expect: Expect,
    as_asked: AsAsked,
) -> dict[int, Program]:
    """Each sendable piece that names one of `edits`, rewritten with only the edits it
    needs named in its request; by piece start, each answer parsed once for the check and
    for whatever reads it next. An answer that is not the piece (another function, a
    declaration turned into code), changes nothing, or is not edited as asked is asked
    once more, warmer; then the piece stays as it was."""
    done: dict[int, Program] = {}
    for i, piece in enumerate(parts):
        if not piece.sendable:
            continue
        mine = {k: v for k, v in edits.items() if k in pieces.identifiers(piece.program)}
        if not mine:
            continue
        for k in range(LINE_TRIES):
            text = await ask(ctx, s, render(piece, mine), i, k)
            got = pieces.answer_for(text, piece, expect(piece, mine)) if text else None
            if got is None or normalize(got) == normalize(piece.text):
                continue
            answer = Program(got)
            if not as_asked(piece, answer, mine):
                continue
            done[piece.start] = answer
            break
    return done
