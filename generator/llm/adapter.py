"""The one door to any OpenAI-compatible endpoint: cache, retries, concurrency, call log.

Every LLM call in declean goes through `LLM.chat`. A request is hashed (model, messages,
parameters, seed); a stored answer is returned without touching the network, so a killed
run resumes without paying twice. Identical requests in flight share one call.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import time
from typing import Any

import openai
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from generator.errors import DecleanError
from generator.llm.cache import Cache
from generator.llm.turns import Turns

Message = dict[str, str]


class LLMError(DecleanError):
    """A call that failed for good (after retries). The pipeline turns it into `llm_error`."""


class EndpointDown(DecleanError):
    """`down_after` requests failed in a row: the run stops (finished work is kept) rather
    than turn every remaining sample into an `llm_error`. Not an LLMError, so no stage
    records it as a sample's verdict; the sample in flight stays pending and resumes."""


class BadReply(Exception):
    """The server answered 200 but with nothing usable (malformed JSON, no choices)."""


class Reply(BaseModel):
    text: str
    cached: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    finish_reason: str | None = None
    retries: int = 0


def request_key(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500 or exc.status_code == 408
    return isinstance(
        exc, openai.APITimeoutError | openai.APIConnectionError | BadReply | json.JSONDecodeError
    )


def _refused_key(exc: BaseException) -> bool:
    return isinstance(exc, openai.APIStatusError) and exc.status_code in (401, 403)


def _retry_after(exc: BaseException | None) -> float | None:
    # Duck-typed: recent openai releases ship their own HTTP client, not httpx.
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to backoff rather than parse calendars


class LLM:
    def __init__(
        self,
        cache: Cache,
        base_url: str,
        model: str,
        api_key: str,
        *,
        timeout_s: float = 300.0,
        max_retries: int = 6,
        max_backoff_s: float = 60.0,
        concurrency: int = 2,
        max_tokens: int = 1536,
        shares_cpu: bool = False,
        down_after: int = 5,
    ) -> None:
        self.cache = cache
        self.model = model
        self.base_url = base_url
        self.max_retries = max_retries
        self.max_backoff_s = max_backoff_s
        self.max_tokens = max_tokens
        # The client's own retries are off: tenacity is the single retry layer, so the
        # count and waits recorded per call are the real ones.
        self.client = openai.AsyncOpenAI(
            base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=0
        )
        self._sem = asyncio.Semaphore(concurrency)
        # A model computing on this machine's cores: its requests (together, as many as are
        # in flight) and the sandbox's jobs take turns (see `cpu_turn`).
        self.shares_cpu = shares_cpu
        self._turns = Turns(concurrency) if shares_cpu else None
        self._inflight: dict[str, asyncio.Future[Reply]] = {}
        self._backoff = wait_random_exponential(multiplier=0.5, max=max_backoff_s)
        self.down_after = down_after
        self._failed_in_a_row = 0
        self._down: str | None = None  # set for good once the endpoint is taken as down

    async def close(self) -> None:
        await self.client.close()

    def cpu_turn(self) -> contextlib.AbstractAsyncContextManager[object]:
        """Held by each sandbox job beside a model on this machine: llama.cpp's threads wait
        for each other at every token, so any other process on a 2-core machine stalls them,
        at nice 19 and SCHED_IDLE as well. A job waits for the requests running, for a while
        (`Turns`; docs/decisions.md, "The model and the sandbox take turns")."""
        return self._turns.alone() if self._turns is not None else contextlib.nullcontext()

    def _model_turn(self) -> contextlib.AbstractAsyncContextManager[object]:
        """Held by each request to a model on this machine, with the other requests in flight:
        its server decodes them together."""
        return self._turns.shared() if self._turns is not None else contextlib.nullcontext()

    def payload(
        self,
        messages: list[Message],
        temperature: float,
        seed: int | None,
        max_tokens: int | None,
        response_format: dict[str, Any] | None,
    ) -> dict[str, Any]:
        p: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "temperature": temperature,
            "max_tokens": max_tokens or self.max_tokens,
        }
        if seed is not None:
            p["seed"] = seed
        if response_format is not None:
            p["response_format"] = response_format
        return p

    async def chat(
        self,
        messages: list[Message],
        *,
        purpose: str,
        sample_id: str | None = None,
        temperature: float = 0.0,
        seed: int | None = None,
        max_tokens: int | None = None,
        response_format: dict[str, Any] | None = None,
    ) -> Reply:
        if self._down is not None:
            raise EndpointDown(self._down)
        payload = self.payload(messages, temperature, seed, max_tokens, response_format)
        key = request_key(payload)
        hit = self.cache.get(key)
        if hit is not None:
            self.cache.log(key, purpose, self.model, cached=True, sample_id=sample_id)
            return Reply(**hit, cached=True)
        if key in self._inflight:
            reply = await asyncio.shield(self._inflight[key])
            self.cache.log(key, purpose, self.model, cached=True, sample_id=sample_id)
            return reply.model_copy(update={"cached": True})
        fut: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self._inflight[key] = fut
        try:
            reply = await self._call(payload, key, purpose, sample_id)
            fut.set_result(reply)
            return reply
        except BaseException as exc:
            fut.set_exception(exc)
            fut.exception()  # mark retrieved: waiters re-raise it, nobody else must
            raise
        finally:
            del self._inflight[key]

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = _retry_after(exc)
        if after is not None:
            return min(after, self.max_backoff_s)
        return self._backoff(state)

    async def _call(
        self, payload: dict[str, Any], key: str, purpose: str, sample_id: str | None
    ) -> Reply:
        start = time.monotonic()
        attempts = 0
        try:
            async for attempt in AsyncRetrying(
                retry=retry_if_exception(_retryable),
                stop=stop_after_attempt(self.max_retries + 1),
                wait=self._wait,
                reraise=True,
            ):
                with attempt:
                    attempts += 1
                    async with self._sem, self._model_turn():
                        if self._down is not None:  # went down while this one queued
                            raise EndpointDown(self._down)
                        completion = await self.client.chat.completions.create(**payload)
                    reply = self._parse(completion)
        except (openai.OpenAIError, BadReply, json.JSONDecodeError) as exc:
            detail = _describe(exc)
            self.cache.log(
                key,
                purpose,
                self.model,
                cached=False,
                sample_id=sample_id,
                latency_ms=(time.monotonic() - start) * 1000,
                retries=attempts - 1,
                error=detail,
            )
            self._failed(exc, detail)
            raise LLMError(f"{purpose}: {detail} (after {attempts} attempt(s))") from None
        self._failed_in_a_row = 0
        reply.latency_ms = (time.monotonic() - start) * 1000
        reply.retries = attempts - 1
        self.cache.put(key, payload, reply.model_dump(exclude={"cached", "retries"}))
        self.cache.log(
            key,
            purpose,
            self.model,
            cached=False,
            sample_id=sample_id,
            prompt_tokens=reply.prompt_tokens,
            completion_tokens=reply.completion_tokens,
            latency_ms=reply.latency_ms,
            retries=reply.retries,
        )
        return reply

    def _failed(self, exc: BaseException, detail: str) -> None:
        """Count a failed request; raise EndpointDown at the `down_after`-th in a row. A
        request the server refused as such (400, 404, 422...) says nothing of the endpoint."""
        if not (_retryable(exc) or _refused_key(exc)) and self._down is None:
            return
        self._failed_in_a_row += 1
        if self._down is None and self._failed_in_a_row >= self.down_after:
            self._down = (
                f"the LLM endpoint {self.base_url} looks down: {self._failed_in_a_row} requests"
                f" in a row failed, each after {self.max_retries} retries (last: {detail};"
                " DECLEAN_DOWN_AFTER sets how many)"
            )
        if self._down is not None:
            raise EndpointDown(self._down) from None

    @staticmethod
    def _parse(completion: Any) -> Reply:
        choices = getattr(completion, "choices", None)
        if not choices:
            raise BadReply("the endpoint answered with no choices")
        message = choices[0].message
        if message is None or message.content is None:
            raise BadReply("the endpoint answered with an empty message")
        usage = getattr(completion, "usage", None)
        return Reply(
            text=message.content,
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            finish_reason=choices[0].finish_reason,
        )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code} from the endpoint"
    if isinstance(exc, openai.APITimeoutError):
        return "request timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "cannot connect to the endpoint"
    if isinstance(exc, json.JSONDecodeError):
        return "malformed JSON from the endpoint"
    return str(exc) or type(exc).__name__
