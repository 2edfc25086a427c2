"""What a test needs beyond Python, found from its code: the conftest hook marks it with them,
so `make test-fast` (`-m "not needs"`) can run everything that needs none of them.

A test needs what its function, its fixtures and the test helpers they call reach: a name
resolved in a function's globals is followed when it is a function or class of `tests/`, and
marks the test when it is one of ENTRY_POINTS (or a helper decorated with `needs`, for what
the code cannot show, such as a CLI started in a subprocess). Each mark is then enforced while
the test runs (`Guard`): a test that starts a sandbox, an argilla server or the embedded model
without its mark fails, saying where to add it, so the marks cannot drift from the code.
"""

from __future__ import annotations

import contextlib
import dis
import functools
import importlib
import inspect
import os
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

NEEDS = ("sandbox", "docker", "firejail", "argilla", "llm", "browser")
# The project's own ways of starting each thing (importable "module:attribute" names), and the
# libraries' for the browser. Starting one lazily inside a function is why this list exists.
ENTRY_POINTS = {
    "sandbox": (
        "sandbox.factory:get_sandbox",
        "sandbox.base:Sandbox",
        "generator.run:execute",
        "generator.course:compiling",
        "generator.course:import_course",
        "generator.demo.detect:Service",
    ),
    "argilla": ("generator.curation.server:Workspace",),
    "llm": ("generator.llm.server:embedded_server",),
    "browser": ("playwright.sync_api:sync_playwright",),
}
# A backend named by a mark is a sandbox too.
IMPLIES = {"docker": "sandbox", "firejail": "sandbox"}

F = TypeVar("F", bound=Callable[..., Any])


def needs(*what: str) -> Callable[[F], F]:
    """Says what a test helper needs when its code cannot show it (a CLI run in a subprocess)."""
    unknown = set(what) - set(NEEDS)
    assert not unknown, f"unknown needs {sorted(unknown)}: use {NEEDS}"

    def mark(fn: F) -> F:
        fn.__needs__ = frozenset(what)  # type: ignore[attr-defined]
        return fn

    return mark


@functools.cache
def _entry_points() -> dict[int, str]:
    found: dict[int, str] = {}
    for need, names in ENTRY_POINTS.items():
        for name in names:
            module, attr = name.split(":")
            found[id(getattr(importlib.import_module(module), attr))] = need
    return found


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    """A function's code and every nested function's, lambda's and comprehension's in it."""
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def _names(fn: types.FunctionType, code: types.CodeType) -> Iterator[object]:
    """The objects a code's names resolve to: its function's globals, what it imports inside
    itself (`from m import x`: a lazy import), and the attributes it reads of the modules
    among them (`runs.exported`)."""
    found = [fn.__globals__[name] for name in code.co_names if name in fn.__globals__]
    module = None
    for ins in dis.get_instructions(code):
        if ins.opname == "IMPORT_NAME":
            module = ins.argval
        elif ins.opname == "IMPORT_FROM" and module:
            found.append(_imported(module, ins.argval))
    yield from found
    for obj in found:
        if isinstance(obj, types.ModuleType):
            yield from (getattr(obj, name, None) for name in code.co_names)


def _imported(module: str, name: str) -> object:
    """What `from module import name` gives: an attribute, or a submodule not imported yet."""
    found = getattr(importlib.import_module(module), name, None)
    if found is None:
        with contextlib.suppress(ImportError):
            found = importlib.import_module(f"{module}.{name}")
    return found


def _is_ours(obj: object) -> bool:
    return (getattr(obj, "__module__", "") or "").startswith("tests")


# What building a class runs; its other methods run only when some reached code names them.
CONSTRUCTION = ("__init__", "__post_init__", "__enter__", "__exit__", "__call__")


def _methods(cls: type) -> dict[str, types.FunctionType]:
    out = {}
    for name, value in vars(cls).items():
        value = value.__func__ if isinstance(value, (staticmethod, classmethod)) else value
        value = value.fget if isinstance(value, property) else value
        if isinstance(value, types.FunctionType):
            out[name] = value
    return out


class _Walk:
    """A function of tests/ is followed where a reached code names it; a class of tests/ by
    how it is built, then by each method whose name a reached code reads
    (`builds().exported(spec)` reaches `Builds.exported`)."""

    def __init__(self) -> None:
        self.entry = _entry_points()
        self.found: set[str] = set()
        self.seen: set[int] = set()
        self.names: set[str] = set()
        self.classes: list[type] = []

    def run(self, todo: list[object]) -> set[str]:
        while todo:
            obj = todo.pop()
            if id(obj) not in self.seen:
                self.seen.add(id(obj))
                if isinstance(obj, type):
                    self.classes.append(obj)
                elif isinstance(obj, types.FunctionType):
                    todo.extend(self.function(obj))
            if not todo:  # the methods named so far, of the classes reached so far
                todo = [m for m in self.named_methods() if id(m) not in self.seen]
        return self.found

    def function(self, fn: types.FunctionType) -> Iterator[object]:
        self.found |= getattr(fn, "__needs__", frozenset())
        for code in _codes(fn.__code__):
            self.names.update(code.co_names)
            for ref in _names(fn, code):
                if id(ref) in self.entry:
                    self.found.add(self.entry[id(ref)])
                self.found |= getattr(ref, "__needs__", frozenset())
                if ref is not None and _is_ours(ref):
                    yield inspect.unwrap(ref) if callable(ref) else ref

    def named_methods(self) -> Iterator[types.FunctionType]:
        for cls in self.classes:
            for name, method in _methods(cls).items():
                if name in CONSTRUCTION or name in self.names:
                    yield method


def reached(roots: list[object]) -> set[str]:
    """What the helpers reachable from `roots` need (see `_Walk`)."""
    return _Walk().run([inspect.unwrap(r) for r in roots if callable(r)])


def of_item(item: pytest.Item) -> set[str]:
    """What one collected test needs: its own marks, its function's, its fixtures' and its
    parameters' code (a builder passed by `parametrize`)."""
    roots: list[object] = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for defs in info.name2fixturedefs.values() if info else ():
        roots.extend(d.func for d in defs)
    callspec = getattr(item, "callspec", None)
    roots.extend(v for v in (callspec.params.values() if callspec else ()) if callable(v))
    found = reached([r for r in roots if r is not None])
    found |= {m.name for m in item.iter_markers() if m.name in NEEDS}
    return found | {IMPLIES[n] for n in found if n in IMPLIES}


def mark(items: list[pytest.Item]) -> None:
    for item in items:
        found = of_item(item)  # one walk a test
        for need in sorted(found):
            item.add_marker(getattr(pytest.mark, need))
        if found:
            item.add_marker(pytest.mark.needs)


# Where each need is started, as (module, owner in it or "" for the module, attribute).
STARTS = (
    ("sandbox.base", "Sandbox", "__init__", "sandbox"),
    ("generator.curation.server", "Workspace", "up", "argilla"),
    ("generator.llm.server", "", "embedded_server", "llm"),
)
# A test's CLI subprocesses learn its marks from these; tests/site/sitecustomize.py guards them.
ID_ENV, NEEDS_ENV = "PYTEST_NEEDS_TEST", "PYTEST_NEEDS"  # not DECLEAN_: declean would warn
SITE = Path(__file__).parent / "site"


class Guard:
    """Fails a test that starts what its marks do not say, while it runs (its fixtures and the
    CLI subprocesses it starts included), so the marks cannot drift from the code."""

    def __init__(self) -> None:
        self.who = ""
        self.allowed: set[str] | None = None  # None: outside any test, nothing to check
        self._undo: list[Callable[[], None]] = []

    def install(self) -> None:
        for module, owner, attr, need in STARTS:
            self.wrap(importlib.import_module(module), owner, attr, need)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def enter(self, item: pytest.Item) -> None:
        self.who = item.nodeid
        self.allowed = {m.name for m in item.iter_markers() if m.name in NEEDS}
        os.environ[ID_ENV], os.environ[NEEDS_ENV] = self.who, ",".join(sorted(self.allowed))
        path = os.environ.get("PYTHONPATH", "")
        if str(SITE) not in path.split(os.pathsep):
            root = str(SITE.parents[1])  # the site hook imports tests.needs
            os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(SITE), root, path) if p)

    def leave(self) -> None:
        self.allowed = None
        os.environ.pop(ID_ENV, None)
        os.environ.pop(NEEDS_ENV, None)

    def wrap(self, module: types.ModuleType, owner: str, attr: str, need: str) -> None:
        holder = getattr(module, owner) if owner else module
        original = getattr(holder, attr)

        @functools.wraps(original)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.check(need)
            return original(*args, **kwargs)

        setattr(holder, attr, guarded)
        self._undo.append(lambda: setattr(holder, attr, original))

    def check(self, need: str) -> None:
        if self.allowed is None or need in self.allowed:
            return
        pytest.fail(
            f"{self.who} starts {need!r} but is not marked {need}: add the entry point it "
            f"goes through to ENTRY_POINTS in tests/needs.py, or decorate its helper with "
            f"@needs({need!r})",
            pytrace=False,
        )
