"""`declean run`: validate everything, then generate with progress bars, resumably."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import TYPE_CHECKING, Any, cast

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from generator.config import RunConfig
from generator.context import Context
from generator.errors import ConfigError, InputsChanged, RunIncomplete
from generator.fingerprint import META_KEY as FINGERPRINT
from generator.fingerprint import Changes, compare, fingerprint, merged
from generator.leftover import leftover
from generator.llm import LLM, EndpointDown, LLMError, open_llm
from generator.pipeline import run_all, variants_per_clean
from generator.problems import Problem, load_problems
from generator.prompts import load_template
from generator.records import Kind, Sample, Status
from generator.runlock import RunLock
from generator.stages.clean import clean_count, clean_files, read_clean_file
from generator.store import Store

if TYPE_CHECKING:
    from sandbox import Sandbox


def select(cfg: RunConfig, problems: list[Problem]) -> list[Problem]:
    if cfg.tags:
        problems = [p for p in problems if set(cfg.tags) & set(p.tags)]
        if not problems:
            raise ConfigError(f"no problem in {cfg.problems} has tag(s) {', '.join(cfg.tags)}")
    return problems[: cfg.limit] if cfg.limit else problems


def preflight(cfg: RunConfig) -> list[Problem]:
    """Everything that can be wrong with the input fails here, before any LLM call."""
    problems = select(cfg, load_problems(cfg.problems))
    for name in ["clean", "fix", "judge", *(p.prompt_name for p in cfg.principles)]:
        load_template(name)
    if cfg.clean_from is not None:
        if not cfg.clean_from.is_dir():
            raise ConfigError(f"--clean-from {cfg.clean_from}: no such directory")
        missing = [p.id for p in problems if not clean_files(cfg, p)]
        if missing:
            names = ", ".join(missing)
            raise ConfigError(
                f"--clean-from {cfg.clean_from}: no <problem-id>.c or <problem-id>/*.c for {names}"
            )
        for p in problems:
            for path in clean_files(cfg, p):
                read_clean_file(path)
    return problems


def execute(cfg: RunConfig, console: Console | None = None, restart_changed: bool = False) -> Store:
    """Run (or resume) `cfg` in its run directory, alone in it; the store, still open.
    A resume whose inputs changed is refused unless `restart_changed` redoes what they
    affect. An endpoint that goes down stops the run with RunIncomplete."""
    console = console or Console(stderr=True)
    problems = preflight(cfg)
    with RunLock(cfg.run_dir):
        store = Store.open(cfg.run_dir)
        try:
            session = begin(cfg, store, problems, restart_changed, console)
            _session(cfg, store, problems, console, session)
        except BaseException:
            store.close()
            raise
    return store


def begin(
    cfg: RunConfig, store: Store, problems: list[Problem], restart_changed: bool, console: Console
) -> int:
    """Check this run's inputs against what the store was made from, record them, and open
    the run's session; its id."""
    now = fingerprint(cfg, problems, asks_llm=not needs_no_llm(cfg))
    stored = store.get_meta(FINGERPRINT, {})
    changes = compare(stored, now) if stored else Changes()
    redone = restart(store, changes, restart_changed, console)
    store.set_meta(FINGERPRINT, merged(stored, now, changes.everything))
    history = store.get_meta("config_history", [])
    store.set_meta("config", cfg.public())
    store.set_meta("config_history", [*history, {"at": time.time(), **cfg.public()}])
    store.save_problems(problems)
    return store.start_session(cfg.public(), redone)


def restart(store: Store, changes: Changes, allowed: bool, console: Console) -> dict[str, Any]:
    """Refuse changed inputs that samples were made from, or with `allowed` drop those
    samples so this run makes them again; what was redone, for the session."""
    counts = store.samples_per_problem()
    scope = None if changes.everything else list(changes.problems)
    affected = sum(counts.values()) if scope is None else sum(counts.get(p, 0) for p in scope)
    if not changes or not affected:
        return {}  # nothing was made from the old inputs
    if not allowed:
        raise InputsChanged(
            f"{store.path.parent} was made from other inputs: {changes.describe()}; run again "
            f"with --restart-changed to redo the {affected} sample(s) they affect, or use "
            "another --run-dir"
        )
    dropped = store.forget_samples(scope)
    console.print(f"--restart-changed: {changes.describe()}; redoing {dropped} sample(s)")
    return {"changes": changes.describe(), "samples": dropped}


def _session(
    cfg: RunConfig, store: Store, problems: list[Problem], console: Console, session: int
) -> None:
    """Generate, and record how the session ended."""
    try:
        generate(cfg, store, problems, console)
    except EndpointDown as exc:
        left = leftover(store, cfg.transient_tries, [p.id for p in problems])
        store.end_session(session, "stopped", str(exc))
        raise RunIncomplete(
            f"{exc}; stopped early, the finished work is kept: {left.message()}"
        ) from None
    except BaseException as exc:
        outcome = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        store.end_session(session, outcome, str(exc) or type(exc).__name__)
        raise
    left = leftover(store, cfg.transient_tries)
    store.end_session(session, "incomplete" if left else "finished", left.message() if left else "")


def generate(cfg: RunConfig, store: Store, problems: list[Problem], console: Console) -> None:
    from sandbox import SandboxConfig, get_sandbox

    sandbox = get_sandbox(SandboxConfig(backend=cfg.backend, workers=cfg.sandbox_workers))
    try:
        asyncio.run(_run(cfg, store, sandbox, problems, console))
        from generator.dedup import dedup_store

        report = dedup_store(store, threshold=cfg.dedup_threshold)
        console.print(f"dedup: {report}")
    finally:
        sandbox.close()


async def _run(
    cfg: RunConfig, store: Store, sandbox: Sandbox, problems: list[Problem], console: Console
) -> None:
    columns = (
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("accepted {task.fields[ok]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        cleans = sum(clean_count(cfg, p) for p in problems)
        clean_bar = progress.add_task("clean solutions", total=cleans, ok=0)
        variant_bar = progress.add_task("de-cleaned variants", total=0, ok=0)

        def on_done(s: Sample) -> None:
            bar = clean_bar if s.kind == Kind.CLEAN else variant_bar
            ok = s.status == Status.ACCEPTED
            progress.update(bar, advance=1, ok=progress.tasks[bar].fields["ok"] + ok)
            if not console.is_terminal:  # overnight logs get one line per verdict instead
                why = f" {s.reason.value}: {s.detail[:120]}" if s.reason else ""
                console.print(f"{s.id} {s.status.value}{why}", highlight=False, soft_wrap=True)

        def on_clean(kept: int) -> None:
            total = progress.tasks[variant_bar].total or 0
            progress.update(variant_bar, total=total + kept * per_clean)

        if needs_no_llm(cfg):  # given clean solutions, procedural edits: no model to start
            ctx = Context(cfg, store, cast(LLM, NoLLM()), sandbox, on_done=on_done)
            per_clean = variants_per_clean(ctx)
            await run_all(ctx, problems, on_clean)
            return
        say = lambda m: console.print(f"[dim]{m}[/]")  # noqa: E731
        server_log = store.path.parent / "llm-server.log"
        async with open_llm(cfg, store.llm_cache, say, server_log) as llm:
            ctx = Context(cfg=cfg, store=store, llm=llm, sandbox=sandbox, on_done=on_done)
            per_clean = variants_per_clean(ctx)
            await run_all(ctx, problems, on_clean)


def needs_no_llm(cfg: RunConfig) -> bool:
    """Clean solutions given and de-cleaned procedurally: nothing asks a model anything."""
    return cfg.clean_from is not None and cfg.editor == "procedural"


class NoLLM:
    """Stands in for the LLM when the run needs none; a call would be a bug, said so."""

    model: str | None = None
    shares_cpu = False

    async def chat(self, *args: object, **kwargs: object) -> None:
        raise LLMError("this run has no LLM (--clean-from with --editor procedural)")

    def cpu_turn(self) -> contextlib.AbstractAsyncContextManager[object]:
        return contextlib.nullcontext()  # no model on the cores: the sandbox runs freely
