"""The one typed record that flows through every stage, and its vocabulary."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from generator.evidence.model import Evidence
from generator.principles import Principle
from sandbox import ProgramResult

Editor = Literal["procedural", "llm"]


class Kind(StrEnum):
    CLEAN = "clean"
    VARIANT = "variant"


class Status(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Reason(StrEnum):
    """Why a sample was rejected. A fixed set so the funnel adds up."""

    COMPILE_FAILED = "compile_failed"
    RUNTIME_ERROR = "runtime_error"
    TIMEOUT = "timeout"
    NOT_EQUIVALENT = "not_equivalent"
    NO_OP = "no_op"
    NOT_APPLICABLE = "not_applicable"  # the parent has nothing the edit could act on
    PARSE_ERROR = "parse_error"
    NOT_CLEAN = "not_clean"  # a clean solution with everything in main or no named value
    LLM_ERROR = "llm_error"
    NOT_CONFIRMED = "not_confirmed"  # evidence does not back the label
    UNSEEN = "unseen"  # no edit the verdict sees, nor one it lets pass (a hard negative)
    MARKED = "marked"  # every edit left a mark no student leaves (generator/c/marks.py)
    NOT_INDEPENDENT = "not_independent"  # the independent analysers do not back it (policy)
    COLLATERAL = "collateral"  # broke another principle too, and policy says reject
    DUPLICATE = "duplicate"
    SANDBOX_ERROR = "sandbox_error"  # the sandbox failed twice on this sample, not the program
    PARENT_REJECTED = "parent_rejected"  # never attempted: its parent did not survive


# Failures of the machinery, not of the program: a later run tries the sample again
# (up to `transient_tries` runs), since an outage or a broken slot says nothing about it.
TRANSIENT = frozenset({Reason.LLM_ERROR, Reason.SANDBOX_ERROR})


class Judgement(BaseModel):
    """The LLM judge's verdict on a near miss."""

    equivalent: bool
    reason: str = ""
    parsed: bool = True  # False: the reply held no verdict, counted as not equivalent


class Equivalence(BaseModel):
    """How a variant's outputs were compared with the clean reference."""

    method: Literal["exact", "judge"]
    equal: bool
    similarity: float  # 0..1 over all inputs, 1 when equal
    mismatches: list[int] = Field(default_factory=list)  # inputs whose outputs differ
    judge: Judgement | None = None


class Sample(BaseModel):
    """A clean solution or a de-cleaned variant of one problem.

    Ids are deterministic (`<problem>/c<k>` for clean sample k, `<parent>+<PRINCIPLE>` for
    a variant), so a resumed run finds finished work and a re-push to Argilla updates in place.
    """

    id: str
    problem_id: str
    kind: Kind
    parent_id: str | None = None
    root_id: str  # the clean ancestor (itself for a clean sample)
    principle: Principle | None = None  # the principle this step broke; None for clean
    labels: list[Principle] = Field(default_factory=list)  # parent's labels + principle
    editor: Editor | None = None  # who made the edit of a variant: the LLM or the procedure
    transform: str | None = None  # which edit: inline_constants, vague_rename, paste_helper...
    code: str = ""
    status: Status = Status.PENDING
    reason: Reason | None = None
    detail: str = ""  # human-readable context for the reason
    seed: int | None = None
    temperature: float | None = None
    model: str | None = None
    prompt_hash: str | None = None
    # The follow-up templates sent for it (fix, targeted/paste_fix): their replies shaped
    # the code too, so a change to one of them must show on the card.
    followup_prompts: list[str] = Field(default_factory=list)
    attempts: int = 0  # LLM generations spent (retries + fixes)
    repairs: list[str] = Field(default_factory=list)  # deterministic repairs applied
    outputs: list[str] | None = None  # stdout per problem input (the reference, for clean)
    sandbox: ProgramResult | None = None  # the last build and run
    evidence: Evidence | None = None  # evidence verdict and figures for `principle`
    equivalence: Equivalence | None = None  # how outputs were compared, judge verdict
    # The independent analysers (generator/independent): principles whose figures moved the
    # way a violation would, parent vs this variant, and the figures; None when not run.
    independent_confirmed: list[Principle] = Field(default_factory=list)
    independent_metrics: dict[str, Any] | None = None
    dedup_cluster: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)  # timings and anything stage-specific

    @staticmethod
    def clean_id(problem_id: str, k: int) -> str:
        return f"{problem_id}/c{k}"

    def child_id(self, principle: Principle) -> str:
        return f"{self.id}+{principle.value}"

    def sent(self, template_sha: str) -> None:
        """Record a follow-up template sent for this sample, once however often it is sent."""
        if template_sha not in self.followup_prompts:
            self.followup_prompts.append(template_sha)

    def reject(self, reason: Reason, detail: str = "") -> Sample:
        self.status = Status.REJECTED
        self.reason = reason
        self.detail = detail
        return self

    def accept(self) -> Sample:
        self.status = Status.ACCEPTED
        self.reason = None
        return self
