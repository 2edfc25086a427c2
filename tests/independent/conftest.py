from __future__ import annotations

from pathlib import Path

import pytest

from tests.fake_openai import FakeOpenAI
from tests.scripted.runner import Runner


@pytest.fixture
def runner(fake_openai: FakeOpenAI, tmp_path: Path) -> Runner:
    return Runner(fake_openai, tmp_path / "run")
