"""`declean run`: validate everything, then generate with progress bars, resumably."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import TYPE_CHECKING, cast

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from generator.config import RunConfig
from generator.context import Context
from generator.errors import ConfigError
from generator.llm import LLM, LLMError, open_llm
from generator.pipeline import run_all, variants_per_clean
from generator.problems import Problem, load_problems
from generator.prompts import load_template
from generator.records import Kind, Sample, Status
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


def execute(cfg: RunConfig, console: Console | None = None) -> Store:
    console = console or Console(stderr=True)
    problems = preflight(cfg)
    store = Store.open(cfg.run_dir)
    history = store.get_meta("config_history", [])
    store.set_meta("config", cfg.public())
    store.set_meta("config_history", [*history, {"at": time.time(), **cfg.public()}])
    store.save_problems(problems)
    from sandbox import SandboxConfig, get_sandbox

    sandbox = get_sandbox(SandboxConfig(backend=cfg.backend, workers=cfg.sandbox_workers))
    try:
        asyncio.run(_run(cfg, store, sandbox, problems, console))
        from generator.dedup import dedup_store

        report = dedup_store(store, threshold=cfg.dedup_threshold)
        console.print(f"dedup: {report}")
    finally:
        sandbox.close()
    return store


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
        async with open_llm(cfg, store, log=lambda m: console.print(f"[dim]{m}[/]")) as llm:
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
