"""Whatever a model writes, `check` returns a verdict: broken code, empty code, no checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.c.program import Program
from generator.evidence.finding import Finding
from generator.evidence.model import Evidence
from generator.principles import Principle
from generator.principles.check import check, checkers

CLEAN = (Path(__file__).parent / "fixtures" / "stats" / "clean.c").read_text()

BROKEN = {
    "truncated": CLEAN[: len(CLEAN) // 2],
    "prose": "Here is the rewritten program:\n```c\n" + CLEAN + "\n```\nIt prints the same.",
    "empty": "",
    "binary": "\x00\xff\ufffd{{{{((((;;;;" * 50,
    "unbalanced": "int main(void) { if (x { return 0; " * 20,
    "deep": "int f(void) { return " + "(" * 3000 + "1" + ")" * 3000 + "; }",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
@pytest.mark.parametrize("label", list(Principle))
def test_code_that_does_not_parse_still_gets_a_verdict(name: str, label: Principle) -> None:
    ev = check(Program(CLEAN), Program(BROKEN[name]), label)
    assert isinstance(ev, Evidence)
    assert ev.verdict in ("confirmed", "not_confirmed")
    assert ev.metrics["parse_errors"]["parent"] == 0
    assert not any("checker failed" in r for r in ev.reasons), ev.reasons


def test_parse_errors_are_reported() -> None:
    ev = check(Program(CLEAN), Program(BROKEN["unbalanced"]), Principle.MC)
    assert ev.metrics["parse_errors"]["variant"] > 0
    assert any("parse error" in r for r in ev.reasons)


def test_broken_parent_too() -> None:
    ev = check(Program(BROKEN["truncated"]), Program(CLEAN), Principle.SRP)
    assert ev.verdict in ("confirmed", "not_confirmed")


def test_principle_without_checker_is_unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    # Stands for a principle added to the enum before anyone wrote its checker.
    monkeypatch.delitem(checkers(), Principle.SRP)
    mc_variant = CLEAN.replace("#define PASS_MARK 50\n", "").replace("PASS_MARK", "50")
    ev = check(Program(CLEAN), Program(mc_variant), Principle.SRP)
    assert (ev.checked, ev.confirmed, ev.verdict) == (False, False, "unchecked")
    assert ev.collateral == [Principle.MC]  # the other checks still guard the label


def test_a_failing_checker_costs_a_verdict_not_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(parent: object, variant: object) -> Finding:
        raise RuntimeError("boom")

    monkeypatch.setitem(checkers(), Principle.DRY, explode)
    ev = check(Program(CLEAN), Program(CLEAN), Principle.DRY)
    assert ev.verdict == "not_confirmed"
    assert any("checker failed: RuntimeError: boom" in r for r in ev.reasons)


def test_evidence_serialises_for_the_store() -> None:
    ev = check(Program(CLEAN), Program(CLEAN.replace("PASS_MARK)", "50)")), Principle.MC)
    again = Evidence.model_validate_json(ev.model_dump_json())
    assert again == ev
    for p in Principle:
        figures = ev.metrics[p.value]
        assert set(figures) == {"confirmed", "signals", "thresholds", "details"}
        for values in figures["signals"].values():
            assert set(values) == {"parent", "variant"}
