"""The marks tests/needs.py gives: found through helpers, lazy imports, module attributes and
`@needs`; and `make test-fast`'s selection holds no test that starts a sandbox."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import needs as needs_module
from tests.needs import needs, reached


def _builds() -> None:
    from sandbox import get_sandbox

    get_sandbox()


def _through_a_helper() -> None:
    _builds()


def _through_a_module() -> None:
    needs_module.reached([])  # a module attribute that needs nothing


@needs("argilla")
def _cli() -> None:
    subprocess.run(["true"])


class _Builder:
    def __init__(self) -> None:
        self.made = 0

    def build(self) -> None:
        _builds()


def _through_a_method() -> None:
    _Builder().build()


def _only_builds_the_object() -> None:
    _Builder()


def _pure() -> int:
    return len("nothing started")


def test_a_lazy_import_reached_through_a_helper_is_a_sandbox() -> None:
    assert reached([_through_a_helper]) == {"sandbox"}


def test_a_method_counts_where_it_is_called_not_where_its_class_is_built() -> None:
    assert reached([_through_a_method]) == {"sandbox"}
    assert reached([_only_builds_the_object]) == set()


def test_a_fixture_importing_a_helper_module_lazily_is_followed_into_it() -> None:
    from tests import conftest

    assert reached([conftest.small_export]) == {"sandbox"}
    assert reached([conftest.fake_openai]) == set()


def test_what_a_helper_says_it_needs_is_taken() -> None:
    assert reached([_cli, _pure]) == {"argilla"}


def test_plain_code_needs_nothing() -> None:
    assert reached([_pure, _through_a_module]) == set()


def test_needs_refuses_an_unknown_name() -> None:
    with pytest.raises(AssertionError, match="unknown needs"):
        needs("gpu")


def test_fast_selection_holds_no_sandbox_test() -> None:
    """`make test-fast` leaves out every test run against the sandbox fixture, and keeps the
    sandbox package's pure tests (limits, compiler output parsing)."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not needs",
         "-p", "no:cacheprovider", "tests/sandbox", "tests/stages"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    selected = [line for line in out.stdout.splitlines() if "::" in line]
    assert out.returncode in (0, 5), out.stderr
    assert not [
        t
        for t in selected
        if t.startswith(("tests/sandbox/test_hostile", "tests/sandbox/test_correctness"))
    ], selected
    assert "tests/sandbox/test_config.py::test_limits_reject_nonsense" in selected
    assert "tests/stages/test_judge.py::test_judge_reply_parsing" in selected


@pytest.mark.parametrize("helper", [_pure, _through_a_helper], ids=["pure", "sandbox"])
def test_a_helper_passed_as_a_parameter_is_followed(
    helper: object, request: pytest.FixtureRequest
) -> None:
    # (naming the helper here would make this test reach it: the id tells them apart)
    marked = request.node.get_closest_marker("sandbox") is not None
    assert marked == (request.node.callspec.id == "sandbox")
