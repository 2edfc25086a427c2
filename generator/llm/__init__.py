"""LLM access: one adapter on the openai client, the embedded model, and their settings."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx

from generator.errors import ConfigError
from generator.llm.adapter import LLM, EndpointDown, LLMError, Reply
from generator.llm.cache import Cache
from generator.llm.settings import LLMSettings

MAX_SLOTS = 8  # the embedded server's slots: past 4, batching gave no more tokens a second

__all__ = ["LLM", "EndpointDown", "LLMError", "LLMSettings", "Reply", "open_llm"]


def _probe(base_url: str, api_key: str) -> list[str]:
    """Fail fast, before any work, when the endpoint is down or the key is refused."""
    try:
        r = httpx.get(
            f"{base_url.rstrip('/')}/models",
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=15,
        )
    except httpx.HTTPError as exc:
        raise ConfigError(
            f"cannot reach the LLM endpoint {base_url} ({type(exc).__name__}); check --base-url "
            "or DECLEAN_BASE_URL, or leave it unset to use the embedded model"
        ) from None
    if r.status_code in (401, 403):
        raise ConfigError(
            f"the LLM endpoint {base_url} refused the API key (HTTP {r.status_code}); "
            "set DECLEAN_API_KEY or OPENAI_API_KEY"
        )
    try:
        return [m["id"] for m in r.json().get("data", [])]
    except (ValueError, AttributeError, KeyError, TypeError):
        return []  # some servers have no model list; the first call will tell


@contextlib.asynccontextmanager
async def open_llm(
    settings: LLMSettings,
    cache: Cache,
    log: Callable[[str], None] = print,
    server_log: Path | None = None,
) -> AsyncIterator[LLM]:
    """An LLM on the configured endpoint, or on the embedded model started for the duration
    (its server's log written to `server_log`)."""
    async with contextlib.AsyncExitStack() as stack:
        if settings.base_url:
            base_url = settings.base_url.rstrip("/")
            if settings.api_key is not None:
                key = settings.api_key.get_secret_value()
            elif settings.is_remote:
                raise ConfigError(
                    f"no API key for the remote endpoint {base_url}: "
                    "set DECLEAN_API_KEY or OPENAI_API_KEY"
                )
            else:
                key = "not-needed"  # local servers (vLLM, llama.cpp, Ollama) ignore it
            models = _probe(base_url, key)
            model = settings.model or (models[0] if models else None)
            if not model:
                raise ConfigError(f"no --model given and {base_url}/models lists none")
        else:
            from generator.llm.server import embedded_server
            from generator.llm.weights import ensure_model, model_name

            path = ensure_model(settings.embedded_size, settings.model_path, log)
            model = model_name(settings.embedded_size, settings.model_path)
            log(f"starting the embedded model {model}")
            base_url = stack.enter_context(
                embedded_server(
                    path,
                    model,
                    settings.n_ctx,
                    settings.threads,
                    log_path=server_log,
                    # each slot holds n_ctx tokens of KV cache (about 0.2 GB for 1.5B)
                    slots=min(settings.concurrency, MAX_SLOTS),
                )
            )
            key = "not-needed"
        # A timed-out request is re-sent and recomputed from scratch by a local server, so on
        # the embedded model (a few tokens/s on a busy CPU) waiting longer is cheaper.
        timeout = settings.timeout_s if settings.base_url else max(settings.timeout_s, 1800.0)
        llm = LLM(
            cache,
            base_url,
            model,
            key,
            timeout_s=timeout,
            max_retries=settings.max_retries,
            max_backoff_s=settings.max_backoff_s,
            concurrency=settings.concurrency,
            max_tokens=settings.max_tokens,
            shares_cpu=not settings.base_url,
            down_after=settings.down_after,
        )
        try:
            yield llm
        finally:
            await llm.close()
