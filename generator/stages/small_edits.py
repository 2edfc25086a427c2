"""The small requests DRY/SRP and MC/NAME are made of: a helper's body pasted at one call
line at a time, and one top-level piece rewritten at a time. A small model finishes these;
on a whole program it drops definitions, stops halfway or returns the program unchanged.
`Retry` asks the caller (`declean.make_variant`) for another attempt with a new seed."""

from __future__ import annotations

from generator.context import Context
from generator.dedup import normalize
from generator.hints import MAX_CALLS, edit_map, paste_sites
from generator.principles import Principle
from generator.prompts import Template
from generator.records import Reason, Sample
from generator.stages import paste, pieces

Message = dict[str, str]


class Retry(Exception):
    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


async def _ask(
    ctx: Context, s: Sample, principle: Principle, messages: list[Message], i: int, k: int
) -> str | None:
    """The code of the answer to one small request: the `k`-th try at the `i`-th place,
    each try a little warmer, each place with a seed of its own."""
    reply = await ctx.llm.chat(
        messages,
        purpose=f"declean:{principle.value}",
        sample_id=s.id,
        temperature=(s.temperature or 0.0) + k * ctx.cfg.retry_temperature_step,
        seed=((s.seed or 0) + 7919 * i + k) & 0x7FFFFFFF,
    )
    s.attempts += 1
    return paste.snippet(reply.text)


LINE_TRIES = 2  # a call line the model answered badly is asked once more, a little warmer


async def paste_calls(
    ctx: Context, s: Sample, parent: str, principle: Principle, tpl: Template, name: str
) -> str:
    """The parent with `name`'s body pasted at its call lines, one small request per line.

    The model is shown the helper and the value for each parameter, not the line (shown the
    line, it echoed it back). A line whose answers are empty, still call `name`, still name a
    parameter or lack the value to return keeps its call; none pasted at all is a no-op
    (retried with new seeds by the caller)."""
    helper = paste.helper_text(parent, name)
    code, pos, pasted = parent, 0, 0
    sites = paste_sites(parent, name, expressions=principle == Principle.DRY)
    for i, line in enumerate(sites[:MAX_CALLS]):
        bound = paste.bindings(parent, name, line)
        if bound is None:
            continue
        for k in range(LINE_TRIES):
            text = await _ask(
                ctx, s, principle, tpl.render(targets=name, helper=helper, bindings=bound), i, k
            )
            if text is None or paste.still_calls(text, name):
                continue
            if paste.unreplaced(parent, name, line, text):
                continue  # the body copied with its parameter names: it would not compile
            statements = paste.assemble(line, name, text)
            if statements is None:
                continue
            statements, clash = paste.scoped(code, line, statements)
            if clash:
                s.repairs.append(f"pasted {name} in a block of its own: {sorted(clash)}")
            code, pos = paste.put(code, line, statements, pos)
            pasted += 1
            break
    if not pasted:
        raise Retry(Reason.NO_OP, f"no call of {name} was replaced by its body")
    return code


async def rewrite_pieces(
    ctx: Context, s: Sample, parent: str, principle: Principle, tpl: Template
) -> str:
    """The parent with the MC or NAME edit made one top-level piece at a time.

    Only the edits a piece needs are named in its request ("LIMIT by 30", "count to n").
    An answer that is not the piece (another function, a declaration turned into code),
    changes nothing, or has other names than the edits give, is asked once more, warmer;
    then the piece stays as it was. None edited is a no-op, retried with new seeds."""
    edits = edit_map(principle, parent)
    inline = principle == Principle.MC
    parts = pieces.pieces(parent, fixed=set(edits) if inline else set())
    done: dict[int, str] = {}
    for i, piece in enumerate(parts):
        mine = {k: v for k, v in edits.items() if k in pieces.identifiers(piece.text)}
        if not piece.sendable or not mine:
            continue
        name = piece.function if inline else mine.get(piece.function or "", piece.function)
        for k in range(LINE_TRIES):
            asked = tpl.render(code=piece.text, **{_PLACEHOLDER[principle]: phrase(mine, inline)})
            text = await _ask(ctx, s, principle, asked, i, k)
            got = pieces.answer_for(text, piece, name) if text else None
            if got is None or normalize(got) == normalize(piece.text):
                continue
            if not _edited_as_asked(piece.text, got, mine, inline):
                continue
            done[piece.start] = got
            break
    if not inline:
        done = _consistent(s, parts, done)
    if not done:
        raise Retry(Reason.NO_OP, f"no piece of the program took the {principle.value} edit")
    code = pieces.put_back(parent, done, parts)
    if inline:
        code, gone = pieces.drop_unused_constants(code, set(edits))
        if gone:
            s.repairs.append(f"removed the definitions of {', '.join(gone)}: inlined, unused")
    return code


def _consistent(s: Sample, parts: list[pieces.Piece], done: dict[int, str]) -> dict[int, str]:
    """The renamed pieces, with every top-level name (function, global, type, field) that
    more than one piece uses spelled one way: one the pieces renamed differently (or one
    renamed and one not) is spelled the old way again everywhere, as a function renamed
    in its definition and not in its caller would not compile. Recorded as a repair."""
    text = {p.start: p.text for p in parts if p.sendable}
    names = {start: pieces.identifiers(t) for start, t in text.items()}
    # Functions, and what the declarations between them name (globals, types, fields):
    # a local variable of one function may be renamed its own way in each.
    top = {p.function for p in parts if p.function}
    top |= set().union(*(names[p.start] for p in parts if p.sendable and not p.function))
    shared = {n for n in top if sum(n in v for v in names.values()) > 1}
    kept: set[str] = set()
    while True:
        maps = {start: pieces.renaming(text[start], got) or {} for start, got in done.items()}
        split = {
            n
            for n in shared
            if len({maps.get(start, {}).get(n, n) for start, v in names.items() if n in v}) > 1
        }
        if not split:
            break
        kept |= split
        for start, got in done.items():
            undo = {maps[start][n]: n for n in split if n in maps[start]}
            done[start] = pieces.revert(got, undo) if undo else got
        done = {start: got for start, got in done.items() if got != text[start]}
    if kept:
        s.repairs.append(f"kept the names {', '.join(sorted(kept))}: pieces renamed them apart")
    return done


def _edited_as_asked(before: str, after: str, edits: dict[str, str], inline: bool) -> bool:
    """MC: some of the constants gone and no name added. NAME: the answer is the piece
    with names changed and nothing else, each name one way, no two names merged into one;
    not necessarily the renames asked for. Measured on the 1.5B model: asked for four
    renames, it renamed the parameters a, b, c, d in order, or renamed `values` to `a` as
    in the worked example beside an asked `count` to `a`; a pure renaming keeps the
    program's behaviour, and the evidence check judges whether the names lost meaning."""
    if inline:
        names, got = pieces.identifiers(before), pieces.identifiers(after)
        return got <= names and bool(set(edits) & names - got)
    return bool(pieces.renaming(before, after))


_PLACEHOLDER = {Principle.MC: "replacements", Principle.NAME: "renames"}


def phrase(edits: dict[str, str], inline: bool) -> str:
    """'LIMIT by 30 and RATE by 1.5', or '`count` to `n` and `values` to `a`': quoted, since
    a program's own `from` and `to` made "from to b" unreadable (seen on towers-of-hanoi)."""
    pairs = [f"{old} by {new}" if inline else f"`{old}` to `{new}`" for old, new in edits.items()]
    return pairs[0] if len(pairs) == 1 else ", ".join(pairs[:-1]) + " and " + pairs[-1]
