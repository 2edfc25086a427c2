"""What every stage of a run shares: config, store, LLM, sandbox, templates, progress hooks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.config import RunConfig
from generator.llm import LLM
from generator.prompts import Template, load_template, template_path
from generator.store import Store

if TYPE_CHECKING:
    from sandbox import ProgramResult, Sandbox

from generator.records import TRANSIENT, Reason, Sample, Status


@dataclass
class Context:
    cfg: RunConfig
    store: Store
    llm: LLM
    sandbox: Sandbox
    on_done: Callable[[Sample], None] = lambda s: None  # progress: a sample reached a verdict
    _templates: dict[str, Template] = field(default_factory=dict)

    async def run(
        self, code: str, inputs: list[str], cflags: list[str] | None = None
    ) -> ProgramResult:
        """`code` in the sandbox on `inputs`, in turn with the requests to a model that shares
        this machine's cores (`LLM.cpu_turn`); `cflags` replaces the sandbox's for this job."""
        async with self.llm.cpu_turn():
            return await self.sandbox.run_async(code, inputs, cflags)

    def template(self, name: str) -> Template:
        if name not in self._templates:
            self._templates[name] = load_template(name)
        return self._templates[name]

    def optional_template(self, name: str) -> Template | None:
        """A template the run can do without (a targeted prompt): None when its file is absent."""
        if name not in self._templates and not template_path(name).is_file():
            return None
        return self.template(name)

    def finished(self, sample_id: str, parent_accepted: bool = False) -> Sample | None:
        """The stored verdict a resumed run keeps, or None when the sample is to be made:
        never made, interrupted (pending), failed on the LLM or the sandbox with runs left
        (`transient_tries`), or recorded as parent_rejected while its parent is accepted now
        (the parent was one of those and succeeded on this run)."""
        done = self.store.get_sample(sample_id)
        if done is None or done.status == Status.PENDING:
            return None
        if self.retried_later(done):
            return None
        if parent_accepted and done.reason == Reason.PARENT_REJECTED:
            return None
        return done

    def retried_later(self, s: Sample) -> bool:
        """A verdict a later run reconsiders: a failure of the LLM or the sandbox with runs
        left (`transient_tries`)."""
        return s.reason in TRANSIENT and self.store.tries(s.id) < self.cfg.transient_tries

    def seed_for(self, sample_id: str, attempt: int = 0) -> int:
        """Deterministic per sample and attempt, so a resumed run asks the same questions."""
        digest = hashlib.sha256(f"{self.cfg.seed}:{sample_id}:{attempt}".encode()).digest()
        return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF
