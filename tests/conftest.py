from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests import needs
from tests.fake_openai import FakeOpenAI
from tests.scripted.runner import Runner

GUARD = needs.Guard()


def pytest_configure(config: pytest.Config) -> None:
    GUARD.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    GUARD.uninstall()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    needs.mark(items)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    GUARD.enter(item)
    try:
        yield
    finally:
        GUARD.leave()


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def runner(fake_openai: FakeOpenAI, tmp_path: Path) -> Runner:
    return Runner(fake_openai, tmp_path / "run")


@pytest.fixture(scope="session", autouse=True)
def _runs_under_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The run stores of tests/runs.py are built once a session, under pytest's tmp dir."""
    from tests import runs

    runs.use(tmp_path_factory)


@pytest.fixture(scope="session")
def small_export() -> Path:
    """An export of a few reference solutions de-cleaned by the real procedural path; built
    once per session (it runs the sandbox), so tests must not change it."""
    from tests import runs

    return runs.exported(runs.PROCEDURAL)


@pytest.fixture(scope="session")
def small_detector(small_export: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A detector trained on `small_export` with the default method, saved in its folder."""
    from generator.detectors.methods import DEFAULT
    from generator.detectors.training import train

    out = tmp_path_factory.mktemp("small-detector") / DEFAULT
    train(small_export, DEFAULT, out)
    return out
