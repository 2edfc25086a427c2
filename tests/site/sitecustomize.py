"""Loaded by every Python process a test starts (tests/needs.py puts this folder on
PYTHONPATH): a CLI subprocess that starts a sandbox, argilla or the embedded model checks the
test's marks, as the test process does, when the module that starts it is imported."""

import importlib.abc
import importlib.util
import os
import sys
from typing import Any


class _Watch(importlib.abc.MetaPathFinder):
    """Guards a watched module right after it has run, without importing it before it is."""

    def __init__(self, starts: dict[str, list[tuple[str, str, str]]], guard: Any) -> None:
        self.starts, self.guard = starts, guard

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in self.starts:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        run, starts, guard = spec.loader.exec_module, self.starts[name], self.guard

        def exec_module(module: Any) -> None:
            run(module)
            for owner, attr, need in starts:
                guard.wrap(module, owner, attr, need)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _install() -> None:
    try:
        from tests.needs import ID_ENV, NEEDS_ENV, STARTS, Guard
    except ImportError:  # another Python (argilla-server's venv): nothing of ours runs there
        return

    guard = Guard()
    guard.who = os.environ[ID_ENV]
    guard.allowed = set(filter(None, os.environ.get(NEEDS_ENV, "").split(",")))
    starts: dict[str, list[tuple[str, str, str]]] = {}
    for module, owner, attr, need in STARTS:
        starts.setdefault(module, []).append((owner, attr, need))
    sys.meta_path.insert(0, _Watch(starts, guard))


if os.environ.get("PYTEST_NEEDS_TEST"):
    _install()
