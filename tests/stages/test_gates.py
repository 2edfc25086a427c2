"""The gates a variant passes, each shown to bite: evidence (reject or record), collateral
(add, reject), and dedup of clean solutions before any de-cleaning."""

from __future__ import annotations

from generator.principles import Principle
from generator.records import Reason, Status
from tests.scripted import Script, fenced, happy_script, program, purpose
from tests.scripted.runner import Runner

# Changes the program, keeps every name meaningful and every constant named: no MC at all.
UNCONFIRMED = program("clean").replace("total", "grand_total")
# Inlines the constants (MC) and also renames two meaningful names to vague ones (NAME).
MC_AND_NAME = (
    program("mc").replace("read_values", "f").replace("largest", "b").replace("sum_values", "g")
)


def _mc(reply: str) -> Script:
    return Script(clean=[fenced(program("clean"))], MC=[fenced(reply)])


def test_an_unconfirmed_label_is_retried_then_rejected(runner: Runner) -> None:
    runner.fake.handler = _mc(UNCONFIRMED)
    store = runner.run(principles="MC", targets=False, retries=1, evidence="reject")
    v = store.get_sample("sum-max/c0+MC")
    assert (v.status, v.reason) == (Status.REJECTED, Reason.NOT_CONFIRMED)
    assert [a["outcome"] for a in store.attempts(v.id)] == ["not_confirmed"] * 2
    assert len([r for r in runner.fake.requests if purpose(r) == "MC"]) == 2
    assert not [a for a in store.attempts(v.id) if a["step"] == "MC"]  # never built


def test_record_mode_keeps_the_unconfirmed_variant_with_its_verdict(runner: Runner) -> None:
    runner.fake.handler = _mc(UNCONFIRMED)
    store = runner.run(principles="MC", targets=False, retries=1, evidence="record")
    v = store.get_sample("sum-max/c0+MC")
    assert v.status == Status.ACCEPTED
    assert v.evidence is not None and v.evidence.verdict == "not_confirmed"


def test_collateral_added_to_the_labels(runner: Runner) -> None:
    runner.fake.handler = _mc(MC_AND_NAME)
    store = runner.run(principles="MC", targets=False, collateral="add")
    v = store.get_sample("sum-max/c0+MC")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    assert v.evidence.collateral == [Principle.NAME]
    assert v.labels == [Principle.MC, Principle.NAME]


def test_collateral_rejected_when_asked(runner: Runner) -> None:
    runner.fake.handler = _mc(MC_AND_NAME)
    store = runner.run(principles="MC", targets=False, collateral="reject", retries=0)
    v = store.get_sample("sum-max/c0+MC")
    assert (v.status, v.reason) == (Status.REJECTED, Reason.COLLATERAL)
    assert "also breaks NAME" in v.detail


def test_collateral_ignored_keeps_the_one_label(runner: Runner) -> None:
    runner.fake.handler = _mc(MC_AND_NAME)
    store = runner.run(principles="MC", targets=False, collateral="ignore")
    v = store.get_sample("sum-max/c0+MC")
    assert v.status == Status.ACCEPTED and v.labels == [Principle.MC]


def test_duplicate_clean_solutions_are_de_cleaned_once(runner: Runner) -> None:
    same = program("clean")
    respaced = same.replace("    ", "  ")  # the same program, other indentation
    runner.fake.handler = Script(
        clean=[fenced(same), fenced(respaced)], MC=happy_script().replies["MC"]
    )
    store = runner.run(principles="MC", samples=2)
    c0, c1 = store.get_sample("sum-max/c0"), store.get_sample("sum-max/c1")
    kept, dup = (c0, c1) if c0.status == Status.ACCEPTED else (c1, c0)
    assert (dup.status, dup.reason) == (Status.REJECTED, Reason.DUPLICATE)
    assert dup.dedup_cluster == kept.id and f"duplicate of {kept.id}" == dup.detail
    assert store.get_sample(f"{dup.id}+MC") is None  # no request paid for it
    assert store.get_sample(f"{kept.id}+MC").status == Status.ACCEPTED
