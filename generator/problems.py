"""The problem corpus: one YAML file per problem, validated before any LLM call."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from generator.errors import ConfigError
from generator.limits import MAX_PROBLEM_BYTES, MAX_STATEMENT_CHARS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "problems"


class Problem(BaseModel):
    """A didactic C problem. `inputs` are the stdin cases every program is run on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=1)
    # Sent whole in every clean prompt: a statement of megabytes is a mistake, not a task.
    statement: str = Field(min_length=1, max_length=MAX_STATEMENT_CHARS)
    tags: list[str] = Field(default_factory=list)
    inputs: list[str] = Field(min_length=1)
    # Expected stdout per input, from the hand-written reference solution in
    # problems/reference/<id>.c; used to prove the corpus, never shown to the LLM.
    expected: list[str] | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG.match(v):
            raise ValueError("must be a slug: lowercase letters, digits and single dashes")
        return v

    @model_validator(mode="after")
    def _expected_matches_inputs(self) -> Problem:
        if self.expected is not None and len(self.expected) != len(self.inputs):
            raise ValueError(
                f"expected has {len(self.expected)} entries but inputs has {len(self.inputs)}"
            )
        return self


def _describe(err: ValidationError) -> str:
    parts = []
    for e in err.errors():
        field = ".".join(str(x) for x in e["loc"]) or "(file)"
        parts.append(f"field '{field}': {e['msg']}")
    return "; ".join(parts)


def load_problem(path: Path) -> Problem:
    _check_size(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with id, title, statement, inputs")
    try:
        return Problem.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None


def _check_size(path: Path) -> None:
    """Refuse a file too big to be a problem before reading it into memory."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if size > MAX_PROBLEM_BYTES:
        raise ConfigError(
            f"{path}: {size / 2**20:.1f} MB; a problem file may be at most"
            f" {MAX_PROBLEM_BYTES // 2**20} MB (a statement and a few stdin cases)"
        )


def load_problems(directory: Path | None = None) -> list[Problem]:
    """Load every `*.yaml`/`*.yml` in a directory, sorted by id; fail on the first bad file."""
    directory = Path(directory or DEFAULT_DIR)
    if not directory.is_dir():
        raise ConfigError(f"problems directory {directory} does not exist (option --problems)")
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    if not files:
        raise ConfigError(f"problems directory {directory} holds no *.yaml problem files")
    seen: dict[str, Path] = {}
    problems = []
    for f in files:
        p = load_problem(f)
        if p.id in seen:
            raise ConfigError(f"{f}: field 'id': duplicate id {p.id!r}, also in {seen[p.id]}")
        seen[p.id] = f
        problems.append(p)
    return sorted(problems, key=lambda p: p.id)
