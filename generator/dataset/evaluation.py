"""The prompt detector on an LLM endpoint: one answer per program, through the project's
LLM adapter with a cache in `EXPORT/eval/declean.sqlite`, so a killed evaluation resumes
where it stopped and a re-run with the same model is free. Scored by
`generator.detectors.evaluate`, like every other detector.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.dataset import detector
from generator.dataset.layout import ARROW_DIR
from generator.errors import ConfigError
from generator.store import Store

if TYPE_CHECKING:
    from generator.llm import LLM, LLMSettings

PURPOSE = "detect"
MAX_TOKENS = 256


@dataclass(frozen=True)
class Prediction:
    id: str
    gold: tuple[str, ...]
    labels: tuple[str, ...] | None  # None: unparseable or failed call
    status: str  # ok | unparseable | error
    detail: str = ""
    raw: str = ""
    cached: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "gold": list(self.gold),
            "pred": None if self.labels is None else list(self.labels),
            "status": self.status,
            "detail": self.detail,
            "raw": self.raw,
            "cached": self.cached,
        }


def load_split(export_dir: Path, split: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The split's rows with label names, from the export's Arrow copy."""
    from datasets import load_from_disk

    arrow = export_dir / ARROW_DIR
    if not (arrow / "dataset_dict.json").is_file():
        raise ConfigError(
            f"{export_dir} is not a declean export (no {ARROW_DIR}/dataset_dict.json);"
            " write one with `declean export RUN_DIR --out DIR`"
        )
    dsd = load_from_disk(str(arrow))
    if split not in dsd:
        raise ConfigError(f"--split {split!r}: {export_dir} has splits {sorted(dsd)}")
    return split_rows(dsd[split])


def split_rows(ds: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """`id`, `code` and `gold` label names of each row of one split of an export."""
    names: list[str] = ds.features["labels"].feature.names
    rows = [
        {"id": ex["id"], "code": ex["code"], "gold": tuple(names[i] for i in ex["labels"])}
        for ex in ds
    ]
    return rows, names


class Detector:
    """One reply per sample; structured output first, plain text if the endpoint refuses it."""

    def __init__(
        self, llm: LLM, structured: bool, total: int = 0, log: Callable[[str], None] = print
    ) -> None:
        self.llm = llm
        self.structured = structured
        self.template = detector.template()
        self.total = total
        self.done = 0
        self.log = log
        self.every = max(1, total // 10)

    def _progress(self) -> None:
        # An embedded-model evaluation can take an hour: say how far it is.
        self.done += 1
        if self.done % self.every == 0 or self.done == self.total:
            self.log(f"detected {self.done}/{self.total}")

    async def predict(self, row: dict[str, Any]) -> Prediction:
        from generator.llm import LLMError

        messages = detector.build_messages(row["code"], self.template)
        try:
            reply = await self._chat(messages, row["id"])
        except LLMError as exc:
            return Prediction(row["id"], row["gold"], None, "error", str(exc))
        finally:
            self._progress()
        parsed = detector.parse_answer(reply.text)
        status = "ok" if parsed.labels is not None else "unparseable"
        return Prediction(
            row["id"], row["gold"], parsed.labels, status, parsed.error, reply.text, reply.cached
        )

    async def _chat(self, messages: list[dict[str, str]], sample_id: str) -> Any:
        from generator.llm import LLMError

        kwargs: dict[str, Any] = {
            "purpose": PURPOSE,
            "sample_id": sample_id,
            "temperature": 0.0,
            "seed": 0,
            "max_tokens": MAX_TOKENS,
        }
        if self.structured:
            try:
                return await self.llm.chat(
                    messages, response_format=detector.response_format(), **kwargs
                )
            except LLMError as exc:
                # A 400 to a json_schema request means the endpoint lacks structured output;
                # everything else (timeouts, 5xx after retries) is a real failure.
                if "HTTP 400" not in str(exc) and "HTTP 422" not in str(exc):
                    raise
                self.structured = False
        return await self.llm.chat(messages, **kwargs)


async def _run(
    rows: list[dict[str, Any]],
    settings: LLMSettings,
    store: Store,
    structured: bool,
    log: Callable[[str], None],
) -> tuple[list[Prediction], str, bool]:
    from generator.llm import open_llm

    server_log = store.path.parent / "llm-server.log"
    async with open_llm(settings, store.llm_cache, log, server_log) as llm:
        det = Detector(llm, structured, len(rows), log)
        # Probe one sample first: it settles structured vs plain before the rest fan out.
        first = [await det.predict(rows[0])] if rows else []
        rest = await asyncio.gather(*(det.predict(r) for r in rows[1:]))
        return first + list(rest), llm.model, det.structured


def predict_all(
    rows: list[dict[str, Any]],
    store_dir: Path,
    settings: LLMSettings,
    structured: bool = True,
    log: Callable[[str], None] = print,
) -> tuple[list[Prediction], str, bool]:
    """The prompt detector's answer to every row (`id`, `code`, `gold`), with the model's name
    and whether structured output was used; the cache lives in `store_dir`."""
    with Store.open(store_dir) as store:
        return asyncio.run(_run(rows, settings, store, structured, log))
