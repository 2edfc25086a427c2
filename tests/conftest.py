from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_openai import FakeOpenAI


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="session")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An export of a few reference solutions de-cleaned by the real procedural path; built
    once per session (it runs the sandbox), so tests must not change it."""
    from tests.exported import procedural_export

    return procedural_export(tmp_path_factory.mktemp("small-export"))


@pytest.fixture(scope="session")
def small_detector(small_export: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A detector trained on `small_export` with the default method, saved in its folder."""
    from generator.detectors.methods import DEFAULT
    from generator.detectors.training import train

    out = tmp_path_factory.mktemp("small-detector") / DEFAULT
    train(small_export, DEFAULT, out)
    return out
