"""Runs the real pipeline against a fake LLM server: what the stage and run tests drive."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console

from generator.config import RunConfig, load_config
from generator.run import execute
from generator.store import Store
from tests.fake_openai import FakeOpenAI

PROBLEMS = Path(__file__).parent / "problems"


class Runner:
    """Runs the real pipeline (real client, real sandbox) against a fake LLM server."""

    def __init__(self, fake: FakeOpenAI, run_dir: Path) -> None:
        self.fake = fake
        self.run_dir = run_dir
        self.output = io.StringIO()

    def config(self, **options: Any) -> RunConfig:
        base = {
            "problems": PROBLEMS,
            "run_dir": self.run_dir,
            "base_url": self.fake.base_url,
            "model": "fake",
            "samples": 1,
            "principles": "DRY",
            "max_backoff_s": 0.2,
            "max_fixes": 2,
            "retries": 1,
            # The scripted replies make any edit asked for; whether an edit is worth asking
            # for is tested on its own (test_inapplicable_edit_is_not_asked_for).
            "skip_inapplicable": False,
            # These tests script the LLM editor's replies; the procedural editor has its own.
            "editor": "llm",
        }
        return load_config(**(base | options))

    def run(self, **options: Any) -> Store:
        store = execute(self.config(**options), Console(file=self.output, width=120))
        return store
