"""Check one program: compile it in the sandbox (never run it), then ask the detector.

The detector is `declean eval`'s: either the prompt, through the same `Detector` (structured
output first, plain text if the endpoint refuses it) and the same LLM adapter, or a detector
from `declean train` (`--detector`), which answers in milliseconds with no LLM at all. A
whole answer is stored under the code's hash and the detector's identity, so the same
program checked again costs nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from generator.dataset import detector
from generator.dataset.evaluation import Detector
from generator.demo.reasons import reasons
from generator.demo.store import DemoStore, check_id
from generator.errors import DecleanError
from generator.llm import LLMSettings, open_llm
from generator.store.llm_cache import cache_file
from sandbox import Sandbox, SandboxConfig, SandboxError, get_sandbox

if TYPE_CHECKING:
    from generator.detectors.trained import TrainedDetector

log = logging.getLogger("declean.demo")
LLM_DB = "llm.sqlite"
DIAGNOSTICS_SHOWN = 20


class Unavailable(DecleanError):
    """The detector or the sandbox cannot answer now; the message says which and why."""


class Service:
    def __init__(
        self,
        store: DemoStore,
        settings: LLMSettings,
        compile_code: bool = True,
        trained: TrainedDetector | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.trained = trained
        # Off only where no sandbox can exist (a Hugging Face Space): then nothing is
        # compiled at all, and `compiles` is null rather than a guess.
        self.compile_code = compile_code
        self.llm_cache = cache_file(store.dir / LLM_DB)
        # What identifies the detector in the answer cache: the prompt, or the training rows.
        self.prompt_sha = trained.meta["training_hash"][:12] if trained else detector.template().sha
        self.sandbox: Sandbox | None = None
        self.detector: Detector | None = None
        self.model = trained.name if trained else settings.model or ""
        self.problems: dict[str, str] = {}
        self._stack = contextlib.AsyncExitStack()
        self._opening = asyncio.Lock()

    async def start(self) -> None:
        if self.compile_code:
            try:
                self.sandbox = get_sandbox(SandboxConfig(workers=2))
            except SandboxError as exc:
                self.problems["sandbox"] = str(exc)
                log.error("sandbox unavailable: %s", exc)
        await self._open_detector()

    async def _open_detector(self) -> None:
        if self.trained is not None:
            return  # nothing to open: the trained detector is already in memory
        async with self._opening:
            if self.detector is not None:
                return
            try:
                llm = await self._stack.enter_async_context(
                    open_llm(
                        self.settings, self.llm_cache, log.info, self.store.dir / "llm-server.log"
                    )
                )
            except DecleanError as exc:
                self.problems["detector"] = str(exc)
                log.error("detector unavailable: %s", exc)
                return
            self.problems.pop("detector", None)
            self.model = llm.model
            self.detector = Detector(llm, structured=True, log=log.debug)

    async def stop(self) -> None:
        await self._stack.aclose()
        if self.sandbox is not None:
            self.sandbox.close()
        self.llm_cache.db.close()

    def health(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "model": self.model or None,
            "sandbox": self.sandbox.name if self.sandbox else None,
            "compiles_code": self.compile_code,
            "detector_prompt": self.prompt_sha,
            "detector": "trained" if self.trained else "prompt",
            "problems": dict(self.problems),
        }

    async def check(self, code: str) -> dict[str, Any]:
        if self.detector is None and self.trained is None and self.settings.base_url:
            await self._open_detector()  # the endpoint may be back (the embedded model won't)
        if self.detector is None and self.trained is None:
            raise Unavailable(f"the detector is down: {self.problems.get('detector')}")
        mode = self.model if self.compile_code else f"{self.model}|not-compiled"
        cid = check_id(code, mode, self.prompt_sha)
        cached = self.store.answer(cid)
        if cached is not None:
            return {**cached, "cached": True}
        if not self.compile_code:
            labels = await self._detect(cid, code, keep_no_compile=True)
            return self._save(cid, code, labels, None, [], "")
        if self.sandbox is None:
            raise Unavailable(f"no sandbox to compile in: {self.problems.get('sandbox')}")
        try:
            # No stdin: the sandbox compiles and runs nothing, which is all the demo may do.
            result = await self.sandbox.run_async(code, [])
        except SandboxError as exc:
            raise Unavailable(f"the sandbox failed: {exc}") from None
        diagnostics = [d.model_dump() for d in result.diagnostics][:DIAGNOSTICS_SHOWN]
        if result.compiled:
            labels = await self._detect(cid, code)
            first_error = ""
        else:
            # The compiler has the last word on compiling: no need to ask the model.
            labels = ["NO_COMPILE"]
            errors = [d for d in result.diagnostics if d.severity == "error"]
            first = errors[0] if errors else None
            first_error = (
                f"line {first.line}: {first.message}"
                if first
                else (result.compile_output.strip().splitlines() or ["gcc failed"])[-1][:200]
            )
        return self._save(cid, code, labels, result.compiled, diagnostics, first_error)

    def _save(
        self,
        cid: str,
        code: str,
        labels: list[str],
        compiles: bool | None,
        diagnostics: list[dict[str, Any]],
        first_error: str,
    ) -> dict[str, Any]:
        why = reasons(code, labels, first_error)
        if compiles is None and "NO_COMPILE" in why:
            why["NO_COMPILE"] = "the detector's guess: this server compiles nothing (--no-compile)"
        answer = {
            "id": cid,
            "labels": labels,
            "compiles": compiles,
            "diagnostics": diagnostics,
            "reasons": why,
            "model": self.model,
        }
        self.store.save_answer(cid, code, self.model, self.prompt_sha, answer)
        return {**answer, "cached": False}

    async def _detect(self, cid: str, code: str, keep_no_compile: bool = False) -> list[str]:
        if self.trained is not None:
            # Principles only: whether a program compiles is the compiler's call, not its.
            return list(self.trained.predict([code]).labels[0] or ())
        assert self.detector is not None
        prediction = await self.detector.predict({"id": f"demo/{cid}", "code": code, "gold": ()})
        if prediction.status == "error":
            raise Unavailable(f"the detector is down: {prediction.detail}")
        if prediction.labels is None:
            raise Unavailable(
                f"the detector's answer could not be read ({prediction.detail}):"
                f" {prediction.raw[:120]!r}"
            )
        if keep_no_compile:
            return list(prediction.labels)
        # It compiled in the sandbox, so a NO_COMPILE guess is simply wrong.
        return [x for x in prediction.labels if x != "NO_COMPILE"]
