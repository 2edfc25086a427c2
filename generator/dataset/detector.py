"""The detector as an LLM step: build the messages, parse the reply.

A reply that cannot be read as a label set is kept with its raw text and a reason, never
dropped: the evaluation counts it against the detector.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from generator.dataset.rows import LABEL_NAMES
from generator.prompts import Message, Template, load_template

PROMPT = "detect"
FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)
OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def template() -> Template:
    return load_template(PROMPT)


def build_messages(code: str, tpl: Template | None = None) -> list[Message]:
    return (tpl or template()).render(code=code)


def training_messages(code: str, tpl: Template | None = None) -> list[Message]:
    """System prompt and the sample only: a fine-tuned detector learns from the data, not
    from the template's worked examples, which would only repeat in every record."""
    messages = build_messages(code, tpl)
    system = [m for m in messages[:1] if m["role"] == "system"]
    return [*system, messages[-1]]


def format_answer(labels: list[str]) -> str:
    """The assistant answer a fine-tuned detector should produce (and the parser reads)."""
    return json.dumps({"labels": [n for n in LABEL_NAMES if n in labels]})


def response_format() -> dict[str, Any]:
    """OpenAI structured output: the endpoint may only answer a known label set."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "detected_labels",
            "strict": True,
            "schema": {
                "type": "object",
                "properties": {
                    "labels": {
                        "type": "array",
                        "items": {"type": "string", "enum": LABEL_NAMES},
                    }
                },
                "required": ["labels"],
                "additionalProperties": False,
            },
        },
    }


@dataclass(frozen=True)
class Parsed:
    labels: tuple[str, ...] | None  # None when unparseable
    error: str = ""


def _candidates(text: str) -> list[str]:
    """The reply itself, then any fenced block, then the outermost {...}: models wrap JSON."""
    out = [text.strip()]
    out += [m.strip() for m in FENCE.findall(text)]
    m = OBJECT.search(text)
    if m:
        out.append(m.group(0))
    return out


def parse_answer(text: str) -> Parsed:
    """Read `{"labels": [...]}` (or a bare JSON list) into known label names."""
    if not text or not text.strip():
        return Parsed(None, "empty reply")
    value: Any = None
    for candidate in _candidates(text):
        try:
            value = json.loads(candidate)
            break
        except json.JSONDecodeError:
            continue
    else:
        return Parsed(None, "no JSON object in the reply")
    if isinstance(value, dict):
        value = value.get("labels")
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        return Parsed(None, 'expected {"labels": [<label>, ...]}')
    names = [x.strip().upper() for x in value]
    unknown = sorted(set(names) - set(LABEL_NAMES))
    if unknown:
        return Parsed(None, f"unknown label(s) {unknown}")
    return Parsed(tuple(n for n in LABEL_NAMES if n in names))
