"""Run configuration: CLI options > `DECLEAN_*` environment variables > TOML file > defaults."""

from __future__ import annotations

import difflib
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from generator.errors import ConfigError
from generator.limits import MAX_COUNT, MAX_ROUNDS, MAX_SAMPLES, MAX_WORKERS
from generator.llm.settings import LLMSettings
from generator.principles import Principle, parse_principles
from generator.problems import DEFAULT_DIR


class RunConfig(LLMSettings):
    """Everything `declean run` needs. Field descriptions double as the config reference."""

    model_config = SettingsConfigDict(env_prefix="DECLEAN_", extra="forbid")
    toml_path: ClassVar[Path | None] = None

    problems: Path = Field(DEFAULT_DIR, description="Problem corpus directory")
    run_dir: Path = Field(Path("runs/default"), description="Run directory (store, logs)")
    limit: int | None = Field(
        None, ge=1, le=MAX_COUNT, description="Use only the first N problems (by id)"
    )
    # NoDecode: the environment gives "DRY,MC" (the README's form) or JSON, and the
    # validators below read both; pydantic-settings alone would insist on JSON.
    tags: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Use only problems with a tag"
    )
    # Each clean solution costs requests and a lattice of variants: thousands per problem is
    # a typo, and an absurd count once grew to 4 GB before the first request.
    samples: int = Field(3, ge=1, le=MAX_SAMPLES, description="Clean solutions per problem")
    principles: Annotated[list[Principle], NoDecode] = Field(
        default_factory=lambda: list(Principle)
    )
    order: Literal["fixed", "random"] = Field(
        "fixed", description="Principle order per sample (for combinations = chain)"
    )
    # Why procedural: docs/decisions.md, "The default editor: procedural".
    editor: Literal["procedural", "llm", "mixed"] = Field(
        "procedural",
        description="Who de-cleans: procedural (seeded edits, no LLM), llm, or mixed (a seeded"
        " coin per variant picks which goes first; the other one takes what it cannot make)",
    )
    combinations: Literal["all", "chain"] = Field(
        "all", description="all: every non-empty subset of the principles; chain: one path"
    )
    seed: int = Field(0, description="Base seed; every request's seed derives from it")
    # Why 0.2: a cool first reply runs more often; seeds still differ (docs/decisions.md,
    # "Clean temperatures").
    temperature: float = Field(0.2, ge=0, le=2, description="Clean-solution temperature")
    clean_from: Path | None = Field(
        None,
        description="Directory of your own clean solutions, <problem-id>.c or several as"
        " <problem-id>/*.c (the first --samples, if given): used as is",
    )
    clean_retries: int = Field(
        2,
        ge=0,
        le=MAX_ROUNDS,
        description="New clean solutions asked when one has no program or is not clean",
    )
    # Why warmer: a small model repeats its mistake at the same temperature; a first try stays
    # at `temperature`, which does best on the problems it can do (docs/decisions.md, same).
    clean_retry_temperature_step: float = Field(
        0.25, ge=0, description="Added to the clean temperature for each new clean try"
    )
    min_helpers: int = Field(
        0, ge=0, le=MAX_ROUNDS, description="Functions besides main a generated clean one needs"
    )
    min_constants: int = Field(
        0, ge=0, le=MAX_ROUNDS, description="Named constants a generated clean one needs"
    )
    flagged_roots: Literal["keep", "filter"] = Field(
        "keep",
        description="A root a reviewer's verdict flags (given by --clean-from, or generated):"
        " keep it (its rows carry those labels) or filter it out (a generated one is asked"
        " again, then rejected as not_clean)",
    )
    declean_temperature: float = Field(0.3, ge=0, le=2, description="First de-clean temperature")
    retry_temperature_step: float = Field(0.3, ge=0, description="Added per de-clean retry")
    retries: int = Field(
        2, ge=0, le=MAX_ROUNDS, description="De-clean retries on no-op / unconfirmed / parse"
    )
    max_fixes: int = Field(
        3, ge=0, le=MAX_ROUNDS, description="Fix-loop rounds after a failed build or run"
    )
    clean_fixes: int | None = Field(
        None,
        ge=0,
        le=MAX_ROUNDS,
        description="Fix-loop rounds for a clean solution (default: 0 on the embedded model, "
        "where a new solution is more often right, else max_fixes)",
    )
    evidence: Literal["reject", "record"] = Field(
        "reject", description="reject: unconfirmed labels are retried then rejected"
    )
    independent: Literal["record", "reject", "off"] = Field(
        "record",
        description="clang-tidy/lizard/jscpd second opinion: record it, reject a variant "
        "whose principle they do not confirm (after retries), or off",
    )
    collateral: Literal["add", "reject", "ignore"] = Field(
        "add", description="A variant that also breaks another principle: add label, reject"
    )
    skip_inapplicable: bool = Field(
        True, description="Do not ask for an edit the parent offers nothing to (no LLM call)"
    )
    targets: bool = Field(
        True, description="Name in the de-clean prompt what to edit (prompts/targeted/)"
    )
    judge: bool = Field(True, description="Let the LLM judge near-miss outputs")
    judge_min_similarity: float = Field(0.8, ge=0, le=1, description="Near miss threshold")
    rel_tol: float = Field(1e-6, ge=0, description="Relative tolerance for numbers in output")
    fix_expected: bool = Field(
        True, description="Send a clean output that differs from `expected` to the fix loop"
    )
    require_expected: bool = Field(
        False, description="Reject clean solutions whose output differs from `expected`"
    )
    transient_tries: int = Field(
        3,
        ge=1,
        le=MAX_ROUNDS,
        description="Runs that may try a sample the LLM or the sandbox failed on (llm_error,"
        " sandbox_error); past that its verdict is final",
    )
    dedup_threshold: float = Field(0.85, gt=0, le=1, description="Near-duplicate Jaccard")
    backend: Literal["auto", "firejail", "docker"] = Field("auto", description="Sandbox")
    sandbox_workers: int = Field(
        2, ge=1, le=MAX_WORKERS, description="Programs compiled/run at once"
    )

    def clean_fix_rounds(self, embedded: bool) -> int:
        """0 on the embedded model, which asks a new solution instead; de-clean fixes keep
        `max_fixes`. Why: docs/decisions.md, "No clean fix rounds on the embedded model"."""
        if self.clean_fixes is not None:
            return self.clean_fixes
        return 0 if embedded else self.max_fixes

    @field_validator("principles", mode="before")
    @classmethod
    def _principles(cls, v: Any) -> Any:
        if not isinstance(v, str):
            return v
        try:
            return parse_principles(",".join(_words(v)))
        except ConfigError as exc:  # a ValueError, so the message names where it came from
            raise ValueError(str(exc)) from None

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, v: Any) -> Any:
        return _words(v) if isinstance(v, str) else v

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls.toml_path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls.toml_path))
        return tuple(sources)

    def public(self) -> dict[str, Any]:
        """What is safe to store and show: everything but the key."""
        return self.model_dump(mode="json", exclude={"api_key"})


def _words(text: str) -> list[str]:
    """A list option written as text: JSON (`["DRY", "MC"]`) or the comma form (`DRY,MC`)."""
    if text.strip().startswith("["):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON list ({exc.msg}); or write it as A,B") from None
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise ValueError('a JSON list must hold strings only, e.g. ["A", "B"]')
        return [x.strip() for x in value if x.strip()]
    return [x.strip() for x in text.split(",") if x.strip()]


# DECLEAN_* variables read elsewhere than RunConfig (the demo, the weights cache, the curation
# server, scripts/sandbox-image.sh): known, so not warned about.
OTHER_VARIABLES = {
    "DECLEAN_DEMO_TOKEN",
    "DECLEAN_CACHE_DIR",
    "DECLEAN_ARGILLA_VENV",
    "DECLEAN_SANDBOX_IMAGE",
    "DECLEAN_SKIP_DOCKER",
}
PREFIX = "DECLEAN_"


def known_variables() -> set[str]:
    return {PREFIX + name.upper() for name in RunConfig.model_fields} | OTHER_VARIABLES


def unknown_variables(environ: dict[str, str] | None = None) -> list[str]:
    """One warning per `DECLEAN_*` variable nothing reads: a typo would be ignored silently."""
    known = known_variables()
    out = []
    for name in sorted(environ if environ is not None else os.environ):
        upper = name.upper()
        if not upper.startswith(PREFIX) or upper in known:
            continue
        close = difflib.get_close_matches(upper, sorted(known), n=1, cutoff=0.7)
        hint = f" (did you mean {close[0]}?)" if close else ""
        out.append(f"{name} is not a declean setting and is ignored{hint}")
    return out


def _env_name(field: str) -> str | None:
    """The environment variable that set `field`, if one did (names are case-insensitive)."""
    names = {PREFIX + field.upper()}
    if field == "api_key":
        names |= {"OPENAI_API_KEY"}
    return next((k for k in os.environ if k.upper() in names), None)


def _source(field: str, given: dict[str, Any], toml_path: Path | None) -> str:
    """Where a bad value came from, by precedence: option, environment, file."""
    if field in given:
        return "--" + field.replace("_", "-")
    env = _env_name(field) if field in RunConfig.model_fields else None
    if env is not None:
        return env
    return str(toml_path) if toml_path is not None else "options"


def _describe(exc: ValidationError, given: dict[str, Any], toml_path: Path | None) -> str:
    parts = []
    for e in exc.errors():
        field = str(e["loc"][0]) if e["loc"] else ""
        where = _source(field, given, toml_path)
        parts.append(f"'{'.'.join(str(x) for x in e['loc'])}' (from {where}): {e['msg']}")
    return "; ".join(parts)


def load_config(toml_path: Path | None = None, **options: Any) -> RunConfig:
    """Build the config; options that are None were not given on the command line."""
    given = {k: v for k, v in options.items() if v is not None}
    if toml_path is not None:
        if not toml_path.is_file():
            raise ConfigError(f"--config {toml_path}: no such file")
        try:
            tomllib.loads(toml_path.read_text())
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{toml_path}: not valid TOML: {exc}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{toml_path}: not UTF-8 text (byte {exc.start})") from None
    for warning in unknown_variables():
        print(f"warning: {warning}", file=sys.stderr)
    RunConfig.toml_path = toml_path
    try:
        return RunConfig(**given)
    except ValidationError as exc:
        raise ConfigError(f"bad configuration: {_describe(exc, given, toml_path)}") from None
    finally:
        RunConfig.toml_path = None


def load_llm_settings(**options: Any) -> LLMSettings:
    """The endpoint settings alone (`eval`, `demo`), with the same one-line errors."""
    given = {k: v for k, v in options.items() if v is not None}
    try:
        return LLMSettings(**given)
    except ValidationError as exc:
        raise ConfigError(f"bad configuration: {_describe(exc, given, None)}") from None
