"""A clean solution that runs but prints something other than the problem's `expected` output
goes back to the fix loop with the differing lines, like a crash would."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.funnel import status
from generator.records import Reason, Status
from tests.scripted import Script, fenced, program, purpose
from tests.scripted.runner import PROBLEMS, Runner

EXPECTED = ["sum=16\nmax=9\nscaled=160\n", "sum=-7\nmax=-2\nscaled=-70\n", "empty\n"]
WRONG = program("clean").replace("total += values[index];", "total += values[index] + 1;")


def with_expected(tmp_path: Path) -> Path:
    problem = yaml.safe_load((PROBLEMS / "sum-max.yaml").read_text())
    problem["expected"] = EXPECTED
    out = tmp_path / "problems"
    out.mkdir()
    (out / "sum-max.yaml").write_text(yaml.safe_dump(problem))
    return out


def fix_requests(runner: Runner) -> list[str]:
    return [r["messages"][-1]["content"] for r in runner.fake.requests if purpose(r) == "fix"]


def test_wrong_output_is_fixed_with_the_differing_lines(runner: Runner, tmp_path: Path) -> None:
    assert "+ 1;" in WRONG
    runner.fake.handler = Script(clean=[fenced(WRONG)], fix=[fenced(program("clean"))])
    store = runner.run(problems=with_expected(tmp_path), principles="DRY")
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED and clean.meta["matches_expected"] is True
    assert clean.outputs == EXPECTED and "+ 1;" not in clean.code
    [ask] = fix_requests(runner)
    assert "On input 1" in ask and "-sum=16" in ask and "+sum=19" in ask
    outcomes = [a["outcome"] for a in store.attempts(clean.id)]
    assert outcomes == [Reason.NOT_EQUIVALENT.value, "ok"]
    assert status(store)["expected"] == {"checked": 1, "matching": 1}


def test_one_round_for_a_wrong_output(runner: Runner, tmp_path: Path) -> None:
    wrong2 = WRONG.replace("+ 1;", "+ 2;")
    runner.fake.handler = Script(clean=[fenced(WRONG)], fix=[fenced(wrong2)])
    store = runner.run(problems=with_expected(tmp_path), principles="DRY", max_fixes=3)
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED and clean.meta["matches_expected"] is False
    assert clean.code.strip() == wrong2.strip() and clean.outputs[0].startswith("sum=22")
    assert [a["outcome"] for a in store.attempts(clean.id)] == ["not_equivalent"] * 2
    assert len(fix_requests(runner)) == 1
    assert store.get_sample("sum-max/c0+DRY") is not None  # it still feeds the chain


def test_broken_by_a_fix_keeps_the_version_that_ran(runner: Runner, tmp_path: Path) -> None:
    broken = WRONG.replace("return total;", "return total")
    broken2 = broken.replace("return largest;", "return largest")
    runner.fake.handler = Script(clean=[fenced(WRONG)], fix=[fenced(broken), fenced(broken2)])
    store = runner.run(problems=with_expected(tmp_path), principles="DRY", max_fixes=2)
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED and clean.code.strip() == WRONG.strip()
    outcomes = [a["outcome"] for a in store.attempts(clean.id)]
    assert outcomes == ["not_equivalent", "compile_failed", "compile_failed"]


def test_a_fix_that_changes_nothing_ends_the_loop(runner: Runner, tmp_path: Path) -> None:
    broken = program("clean").replace("return total;", "return total")
    runner.fake.handler = Script(clean=[fenced(broken)], fix=[fenced(broken)])
    store = runner.run(max_fixes=3, clean_retries=0)
    clean = store.get_sample("sum-max/c0")
    assert (clean.status, clean.reason) == (Status.REJECTED, Reason.COMPILE_FAILED)
    assert "the fix reply changed nothing" in clean.detail
    assert len(fix_requests(runner)) == 1


def test_require_expected_rejects_what_stays_wrong(runner: Runner, tmp_path: Path) -> None:
    runner.fake.handler = Script(clean=[fenced(WRONG)], fix=[fenced(WRONG)])
    store = runner.run(problems=with_expected(tmp_path), require_expected=True, max_fixes=1)
    clean = store.get_sample("sum-max/c0")
    assert (clean.status, clean.reason) == (Status.REJECTED, Reason.NOT_EQUIVALENT)
    assert "the output is wrong" in clean.detail
    assert store.get_sample("sum-max/c0+DRY") is None


def test_fix_expected_off_asks_nothing(runner: Runner, tmp_path: Path) -> None:
    runner.fake.handler = Script(clean=[fenced(WRONG)])
    store = runner.run(problems=with_expected(tmp_path), principles="DRY", fix_expected=False)
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED and clean.meta["matches_expected"] is False
    assert fix_requests(runner) == []
    assert status(store)["expected"] == {"checked": 1, "matching": 0}
