"""Prompt templates live as files in `prompts/`; this module only loads and fills them.

A template is plain text with sections opened by a line that is exactly `[system]`,
`[user]` or `[assistant]` (several user/assistant turns make few-shot examples), and
`{{name}}` placeholders. Values are inserted verbatim, so C code with braces is safe.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigError

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "prompts"
ROLE_LINE = re.compile(r"^\[(system|user|assistant)\]\s*$", re.MULTILINE)
PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")

Message = dict[str, str]


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    text: str

    @property
    def sha(self) -> str:
        """Short content hash: stored with every sample so a dataset row names its prompt."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:12]

    @property
    def placeholders(self) -> set[str]:
        return set(PLACEHOLDER.findall(self.text))

    def render(self, **values: object) -> list[Message]:
        missing = self.placeholders - values.keys()
        if missing:
            raise ConfigError(f"{self.path}: no value for placeholder(s) {sorted(missing)}")

        def fill(m: re.Match[str]) -> str:
            return str(values[m.group(1)])

        parts = ROLE_LINE.split(self.text)
        if parts[0].strip():
            raise ConfigError(f"{self.path}: text before the first [system]/[user] line")
        messages = []
        for role, body in zip(parts[1::2], parts[2::2], strict=True):
            messages.append({"role": role, "content": PLACEHOLDER.sub(fill, body).strip()})
        if not messages or messages[-1]["role"] != "user":
            raise ConfigError(f"{self.path}: the last section must be [user]")
        return messages


def template_path(name: str, directory: Path | None = None) -> Path:
    return Path(directory or DEFAULT_DIR) / f"{name}.md"


def load_template(name: str, directory: Path | None = None) -> Template:
    path = template_path(name, directory)
    if not path.is_file():
        raise ConfigError(f"prompt template {path} is missing (see prompts/README.md)")
    return Template(name=name, path=path, text=path.read_text(encoding="utf-8"))
