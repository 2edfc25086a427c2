"""LLM endpoint settings: options, `DECLEAN_*` environment variables, or a TOML file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from generator.limits import MAX_ROUNDS, MAX_SECONDS, MAX_TOKENS, MAX_WORKERS

LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


class LLMSettings(BaseSettings):
    """Where and how to call the model. No `base_url` means: start the embedded model."""

    model_config = SettingsConfigDict(env_prefix="DECLEAN_", extra="ignore")

    base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. .../v1")
    model: str | None = Field(None, description="Model name at the endpoint")
    api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("DECLEAN_API_KEY", "OPENAI_API_KEY", "api_key"),
        description="Key for a remote endpoint (DECLEAN_API_KEY or OPENAI_API_KEY); never logged",
    )
    timeout_s: float = Field(
        300.0, gt=0, le=MAX_SECONDS, description="Per-request timeout in seconds"
    )
    max_retries: int = Field(
        6, ge=0, le=MAX_ROUNDS, description="Retries on 429, 5xx, timeouts, bad replies"
    )
    max_backoff_s: float = Field(60.0, gt=0, le=MAX_SECONDS, description="Cap on one retry wait")
    # Each failed request has had its own retries (max_retries, with backoff) already: five
    # in a row is minutes of an endpoint answering nothing usable, not one bad reply.
    down_after: int = Field(
        5,
        ge=1,
        le=MAX_ROUNDS,
        description="Failed requests in a row that stop the run: the endpoint is down",
    )
    # Why 4: the embedded model decodes the requests in flight together, and on a CPU that
    # waits for memory 4 at once gave 1.7 times the tokens a second of one (docs/decisions.md,
    # "The model's requests are decoded together").
    concurrency: int = Field(
        4,
        ge=1,
        le=MAX_WORKERS,
        description="Requests in flight at once (the embedded model decodes them together)",
    )
    max_tokens: int = Field(
        1536, ge=16, le=MAX_TOKENS, description="Completion token limit per request"
    )
    # Embedded model
    model_path: Path | None = Field(None, description="GGUF file for the embedded model")
    embedded_size: Literal["1.5b", "0.5b"] = Field("1.5b", description="Embedded model size")
    n_ctx: int = Field(8192, ge=512, le=MAX_TOKENS, description="Embedded model context length")
    threads: int = Field(2, ge=1, le=MAX_WORKERS, description="CPU threads for the embedded model")

    @property
    def is_remote(self) -> bool:
        if not self.base_url:
            return False
        return (urlparse(self.base_url).hostname or "") not in LOOPBACK
