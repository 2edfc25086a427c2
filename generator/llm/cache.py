"""What the adapter needs of a cache: answers kept under a request's key, and a log of every
call. The run's store gives one (`generator/store/llm_cache.py`); the adapter knows nothing
else of it."""

from __future__ import annotations

from typing import Any, Protocol


class Cache(Protocol):
    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, request: dict[str, Any], response: dict[str, Any]) -> None: ...

    def log(
        self,
        key: str,
        purpose: str,
        model: str,
        cached: bool,
        sample_id: str | None = None,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        latency_ms: float = 0.0,
        retries: int = 0,
        error: str | None = None,
    ) -> None: ...
