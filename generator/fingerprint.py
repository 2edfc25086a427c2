"""What a run was made from, and what changed since: problems, prompts, given clean
solutions and the settings that decide what its samples are.

Stored in the run's `meta` as `fingerprint`. A resume compares the fingerprint of its own
inputs with it: a changed problem (or its `--clean-from` file) affects that problem's
samples, a changed setting or prompt every sample. The samples made from other inputs
would otherwise be exported beside the new statement as if they were made from it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from generator.config import RunConfig
from generator.limits import MAX_SAMPLES
from generator.problems import Problem
from generator.prompts import load_template, template_path
from generator.stages.clean import clean_files

META_KEY = "fingerprint"

# Settings that change how a run goes, not what its samples are: where things are, which
# problems and how many samples this time (more samples or problems extend a run), how
# requests are paced, and how hard a sample is tried (a resume may raise the fix rounds
# for the samples still to be made). Every other setting, including new ones, is checked.
NOT_FINGERPRINTED = frozenset(
    {
        "problems",  # the directory: its problems' contents are fingerprinted one by one
        "run_dir",
        "limit",
        "tags",
        "samples",
        "base_url",  # the same model served elsewhere; `model` names it
        "api_key",
        "timeout_s",
        "max_retries",
        "max_backoff_s",
        "concurrency",
        "down_after",
        "model_path",  # the file's place; `embedded_size` names the weights
        "n_ctx",
        "threads",
        "backend",
        "sandbox_workers",
        "transient_tries",
        "max_fixes",
        "clean_fixes",
        "retries",
        "clean_retries",
    }
)
PROBLEM_PARTS = ("title", "statement", "inputs", "expected")
CLEAN_FROM = "--clean-from file"


def _sha(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def settings(cfg: RunConfig) -> dict[str, Any]:
    out = {k: v for k, v in sorted(cfg.public().items()) if k not in NOT_FINGERPRINTED}
    if cfg.clean_from is not None:  # the same directory, however it was spelled
        out["clean_from"] = str(cfg.clean_from.resolve())
    return out


def prompt_names(cfg: RunConfig) -> list[str]:
    """Every template a run of these principles may send."""
    names = ["clean", "fix", "judge", "targeted/paste_fix"]
    for p in cfg.principles:
        names += [p.prompt_name, f"targeted/{p.prompt_name}"]
    return names


def prompts(cfg: RunConfig, asks_llm: bool) -> dict[str, str]:
    """Template name -> sha; none when the run asks no model (its prompts shape nothing)."""
    if not asks_llm:
        return {}
    return {n: load_template(n).sha for n in prompt_names(cfg) if template_path(n).is_file()}


def problem_parts(cfg: RunConfig, problem: Problem) -> dict[str, str]:
    parts = {k: _sha(getattr(problem, k)) for k in PROBLEM_PARTS}
    if cfg.clean_from is not None:
        digest = hashlib.sha256()
        # Every root the folder holds, not only those --samples takes: more samples is a resume.
        for path in clean_files(cfg.model_copy(update={"samples": MAX_SAMPLES}), problem):
            digest.update(f"{path.name}\0".encode() + path.read_bytes() + b"\0")
        parts[CLEAN_FROM] = digest.hexdigest()[:16]
    return parts


def fingerprint(cfg: RunConfig, problems: list[Problem], asks_llm: bool) -> dict[str, Any]:
    return {
        "settings": settings(cfg),
        "prompts": prompts(cfg, asks_llm),
        "problems": {p.id: problem_parts(cfg, p) for p in problems},
    }


@dataclass
class Changes:
    """What differs between the stored fingerprint and this run's inputs."""

    settings: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # name: (was, now)
    prompts: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)  # id: the parts changed

    @property
    def everything(self) -> bool:
        """A setting or a prompt changed: every sample was made from other inputs."""
        return bool(self.settings or self.prompts)

    def __bool__(self) -> bool:
        return self.everything or bool(self.problems)

    def describe(self) -> str:
        said = [f"setting {k}: {_show(a)} -> {_show(b)}" for k, (a, b) in self.settings.items()]
        said += [f"prompt {n}.md" for n in self.prompts]
        said += [f"problem {pid}: {', '.join(parts)}" for pid, parts in self.problems.items()]
        return "; ".join(said)


def _show(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, list):
        return ",".join(str(v) for v in value) or "none"
    return str(value)


def compare(stored: dict[str, Any], now: dict[str, Any]) -> Changes:
    """Changes from `stored` to `now`. A setting absent from `stored` (a newer declean added
    it) counts as changed only when it is not at its default now, which the caller cannot
    know: such settings are left out, as are problems the stored run never had."""
    out = Changes()
    was = stored.get("settings", {})
    out.settings = {k: (was[k], v) for k, v in now["settings"].items() if k in was and was[k] != v}
    old_prompts, new_prompts = stored.get("prompts", {}), now["prompts"]
    if old_prompts and new_prompts:  # one of them asked no model: nothing to compare
        out.prompts = sorted(
            n for n in new_prompts if old_prompts.get(n, new_prompts[n]) != new_prompts[n]
        )
    old_problems = stored.get("problems", {})
    for pid, parts in now["problems"].items():
        before = old_problems.get(pid)
        if before is not None:
            diff = [k for k in parts if before.get(k) != parts[k]]
            if diff:
                out.problems[pid] = diff
    return out


def merged(stored: dict[str, Any], now: dict[str, Any], everything: bool) -> dict[str, Any]:
    """The fingerprint to keep after this run starts: its settings and prompts, and its
    problems' parts over the stored ones (all of them replaced when everything is redone)."""
    problems = {} if everything else dict(stored.get("problems", {}))
    problems.update(now["problems"])
    prompts_now = now["prompts"] or ({} if everything else stored.get("prompts", {}))
    return {"settings": now["settings"], "prompts": prompts_now, "problems": problems}
