"""A run that loses nothing and knows what it was made from (issue 26): transient failures
retried on the next run, an endpoint that goes down stopping the run, one writer per run
directory, and resumes whose problems or settings changed refused or redone."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.context import Context
from generator.errors import RunLocked
from generator.llm import EndpointDown, LLMError, LLMSettings, open_llm
from generator.runlock import RunLock
from generator.store import Store
from tests.fake_openai import FakeOpenAI, FakeReply
from tests.pipeline.test_cli import DECLEAN, FAST, corpus, declean, declean_run, verdicts
from tests.scripted import PROGRAMS, happy_script, purpose
from tests.scripted.runner import PROBLEMS, Runner

PENDING = 75  # RunIncomplete: run the same command again
NOWHERE = "http://127.0.0.1:9/v1"  # nothing listens: any request would fail the run
CLEAN = PROGRAMS / "clean.c"
MSG = [{"role": "user", "content": "write hello world in C"}]


def failing(fail: str) -> Any:
    """The happy script, but every request for `fail` answered 503."""
    script = happy_script()

    def handler(body: dict[str, Any]) -> str | FakeReply:
        return FakeReply(status=503) if purpose(body) == fail else script(body)

    return handler


def tries(run_dir: Path) -> dict[str, int]:
    with Store.open(run_dir, create=False) as store:
        return {r[0]: r[4] for r in store.verdicts()}


def test_an_outage_is_retried_by_the_next_run(tmp_path: Path) -> None:
    run_dir = tmp_path / "r"
    args = ("--samples", "1", "--principles", "DRY,MC")
    with FakeOpenAI(failing("DRY")) as down:
        out = declean_run(PROBLEMS, run_dir, down.base_url, *args, DECLEAN_MAX_RETRIES="0")
    assert out.returncode == PENDING, out.stderr
    assert "2 samples left pending: 1 llm_error, 1 parent_rejected" in out.stderr
    assert "run the same command again to resume" in out.stderr
    made = verdicts(run_dir)
    assert made["sum-max/c0+DRY"] == "rejected:llm_error"
    assert made["sum-max/c0+DRY+MC"] == "rejected:parent_rejected"
    assert made["sum-max/c0+MC"] == "accepted:None"

    with FakeOpenAI(happy_script()) as healthy:
        again = declean_run(PROBLEMS, run_dir, healthy.base_url, *args)
        asked = {purpose(r) for r in healthy.requests}
    assert again.returncode == 0, again.stderr
    assert set(verdicts(run_dir).values()) == {"accepted:None"}
    assert asked == {"DRY", "MC"}  # DRY, then MC on top of it: nothing finished is redone
    assert tries(run_dir)["sum-max/c0+DRY"] == 2 and tries(run_dir)["sum-max/c0"] == 1


def test_a_transient_failure_past_its_cap_is_final(tmp_path: Path) -> None:
    run_dir = tmp_path / "r"
    args = ("--samples", "1", "--principles", "DRY")
    env = {"DECLEAN_MAX_RETRIES": "0", "DECLEAN_TRANSIENT_TRIES": "1"}
    with FakeOpenAI(failing("DRY")) as down:
        out = declean_run(PROBLEMS, run_dir, down.base_url, *args, **env)
    assert out.returncode == 0, out.stderr  # nothing left to retry
    assert "failed for good after 1 tries: 1 llm_error" in out.stdout
    with FakeOpenAI(happy_script()) as healthy:
        again = declean_run(PROBLEMS, run_dir, healthy.base_url, *args, **env)
        assert again.returncode == 0 and healthy.requests == []
    status = json.loads(declean("status", str(run_dir), "--json").stdout)
    assert status["left"] == {"retry": {}, "final": {"llm_error": 1}, "tries": 1}


def test_an_endpoint_that_goes_down_stops_the_run(tmp_path: Path) -> None:
    problems = corpus(tmp_path, 4)
    run_dir = tmp_path / "r"
    args = ("--samples", "1", "--principles", "MC", "--concurrency", "1")
    env = {"DECLEAN_MAX_RETRIES": "0", "DECLEAN_DOWN_AFTER": "2"}
    with FakeOpenAI(lambda body: FakeReply(status=503)) as down:
        out = declean_run(problems, run_dir, down.base_url, *args, **env)
        sent = len(down.requests)
    assert out.returncode == PENDING, out.stderr
    assert sent == 2  # the two that failed; nothing asked once it was taken as down
    assert "looks down: 2 requests in a row failed" in out.stderr
    # all four clean solutions were started, one failed, three were cut short
    assert "stopped early, the finished work is kept: 4 samples left pending:" in out.stderr
    assert "3 interrupted, 1 llm_error; run the same command again to resume" in out.stderr
    assert "Traceback" not in out.stderr

    with FakeOpenAI(happy_script()) as healthy:
        again = declean_run(problems, run_dir, healthy.base_url, *args)
    assert again.returncode == 0, again.stderr
    made = verdicts(run_dir)
    assert len(made) == 4 * 2 and set(made.values()) == {"accepted:None"}
    sessions = json.loads(declean("status", str(run_dir), "--json").stdout)["sessions"]
    assert [s["outcome"] for s in sessions] == ["stopped", "finished"]


def test_a_second_run_on_the_same_directory_is_refused(tmp_path: Path) -> None:
    problems = corpus(tmp_path, 2)
    run_dir = tmp_path / "r"
    args = ("--samples", "1", "--principles", "MC")
    with FakeOpenAI(happy_script(), latency=2.0) as fake:  # slow: the first run lasts
        cmd = ["run", "--problems", str(problems), "--run-dir", str(run_dir)]
        cmd += ["--base-url", fake.base_url, "--model", "fake", *args]
        first = subprocess.Popen(
            [DECLEAN, *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **FAST},
        )
        try:
            deadline = time.monotonic() + 60
            while not fake.requests and time.monotonic() < deadline:
                time.sleep(0.05)
            second = declean_run(problems, run_dir, fake.base_url, *args)
            assert first.poll() is None  # refused while the first one was still at work
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        assert second.returncode == 1, second.stderr
        assert f"in use by another declean run (PID {first.pid})" in second.stderr
        fake.latency = 0.0
        # the killed run's lock died with it: the next run resumes its work
        third = declean_run(problems, run_dir, fake.base_url, *args)
    assert third.returncode == 0, third.stderr
    assert set(verdicts(run_dir).values()) == {"accepted:None"}


def test_the_lock_is_refused_within_one_process_too(tmp_path: Path) -> None:
    with RunLock(tmp_path / "r"), pytest.raises(RunLocked, match=f"PID {os.getpid()}"):
        RunLock(tmp_path / "r").__enter__()
    with RunLock(tmp_path / "r"):  # released on exit
        pass


def procedural(problems: Path, run_dir: Path, given: Path, *extra: str) -> Any:
    """A run that asks no model: the given clean solutions, de-cleaned procedurally."""
    args = ("--clean-from", str(given), "--editor", "procedural", "--principles", "MC,NAME")
    return declean_run(problems, run_dir, NOWHERE, *args, *extra)


@pytest.fixture
def two_problems(tmp_path: Path) -> tuple[Path, Path]:
    """Problems sum-max-0 and sum-max-1, and a --clean-from directory for both."""
    problems = corpus(tmp_path, 2)
    given = tmp_path / "given"
    given.mkdir()
    for i in range(2):
        shutil.copy(CLEAN, given / f"sum-max-{i}.c")
    return problems, given


def made_at(run_dir: Path) -> dict[str, float]:
    with Store.open(run_dir, create=False) as store:
        return {r[0]: r[1] for r in store.execute("SELECT id, updated_at FROM samples")}


def edit_statement(problems: Path) -> None:
    path = problems / "p1.yaml"
    data = yaml.safe_load(path.read_text())
    path.write_text(
        yaml.safe_dump(data | {"statement": data["statement"] + "Print nothing else.\n"})
    )


def edit_given(given: Path) -> None:
    path = given / "sum-max-1.c"
    path.write_text(path.read_text() + "\n/* edited */\n")


@pytest.mark.parametrize(
    ("edit", "said"),
    [(edit_statement, "problem sum-max-1: statement"), (edit_given, "--clean-from file")],
    ids=["statement", "clean-from-file"],
)
def test_a_problem_edited_under_a_run(
    tmp_path: Path, two_problems: tuple[Path, Path], edit: Any, said: str
) -> None:
    problems, given = two_problems
    run_dir = tmp_path / "r"
    assert procedural(problems, run_dir, given).returncode == 0
    before = made_at(run_dir)
    edit(problems if edit is edit_statement else given)

    refused = procedural(problems, run_dir, given)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert said in refused.stderr and "--restart-changed" in refused.stderr
    assert "sum-max-0" not in refused.stderr
    assert made_at(run_dir) == before

    redone = procedural(problems, run_dir, given, "--restart-changed")
    assert redone.returncode == 0, redone.stderr
    after = made_at(run_dir)
    assert set(after) == set(before)
    changed = {sid for sid in after if after[sid] != before[sid]}
    assert changed == {sid for sid in after if sid.startswith("sum-max-1/")}
    if edit is edit_statement:
        with Store.open(run_dir, create=False) as store:
            assert "Print nothing else." in store.problems()["sum-max-1"].statement
    assert procedural(problems, run_dir, given).returncode == 0  # the new inputs are its own


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--seed", "7", "setting seed: 0 -> 7"),
        ("--principles", "MC", "setting principles: MC,NAME -> MC"),
        ("--clean-from", "OTHER", "setting clean_from:"),
    ],
    ids=["seed", "principles", "clean-from"],
)
def test_a_resume_with_other_settings_is_refused(
    tmp_path: Path, two_problems: tuple[Path, Path], option: str, value: str, said: str
) -> None:
    problems, given = two_problems
    run_dir = tmp_path / "r"
    assert procedural(problems, run_dir, given).returncode == 0
    before = made_at(run_dir)
    if value == "OTHER":
        value = str(shutil.copytree(given, tmp_path / "other"))
    refused = procedural(problems, run_dir, given, option, value)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert said in refused.stderr and "--restart-changed" in refused.stderr
    assert made_at(run_dir) == before


def test_a_restart_after_a_changed_setting_redoes_everything_and_status_shows_both(
    tmp_path: Path, two_problems: tuple[Path, Path]
) -> None:
    problems, given = two_problems
    run_dir = tmp_path / "r"
    assert procedural(problems, run_dir, given).returncode == 0
    before = made_at(run_dir)
    redone = procedural(problems, run_dir, given, "--seed", "7", "--restart-changed")
    assert redone.returncode == 0, redone.stderr
    after = made_at(run_dir)
    assert set(after) == set(before) and all(after[s] > before[s] for s in after)
    status = declean("status", str(run_dir), "--json")
    sessions = json.loads(status.stdout)["sessions"]
    assert [s["settings"]["seed"] for s in sessions] == [0, 7]
    assert sessions[1]["restarted"]["samples"] == len(before)
    text = declean("status", str(run_dir)).stdout
    assert "sessions" in text and "seed=0" in text and "seed=7" in text


def test_a_chain_stops_at_an_outage_and_the_next_run_goes_on_from_it(runner: Runner) -> None:
    runner.fake.handler = failing("DRY")
    opts = {"principles": "DRY,MC", "combinations": "chain", "max_retries": 0}
    runner.run(**opts).close()
    assert verdicts(runner.run_dir) == {
        "sum-max/c0": "accepted:None",
        "sum-max/c0+DRY": "rejected:llm_error",
    }  # no c0+MC: the path goes through DRY once DRY is made
    runner.fake.handler = happy_script()
    runner.run(**opts).close()
    assert set(verdicts(runner.run_dir)) == {"sum-max/c0", "sum-max/c0+DRY", "sum-max/c0+DRY+MC"}
    assert set(verdicts(runner.run_dir).values()) == {"accepted:None"}


def test_endpoint_down_counts_failures_in_a_row_of_the_endpoint_only(tmp_path: Path) -> None:
    async def go(fake: FakeOpenAI) -> list[str]:
        settings = LLMSettings(base_url=fake.base_url, model="fake", max_retries=0, down_after=2)
        seen = []
        with Store.open(tmp_path / "r") as store:
            async with open_llm(settings, store.llm_cache) as llm:
                for i in range(6):
                    try:
                        await llm.chat(MSG, purpose="test", seed=i)
                        seen.append("ok")
                    except LLMError:
                        seen.append("llm_error")
                    except EndpointDown:
                        seen.append("down")
        return seen

    # a refused request (400) says nothing of the endpoint; a success starts the count again
    replies = [FakeReply(status=503), "fine", FakeReply(status=400), FakeReply(status=503)]
    replies += [FakeReply(status=500), FakeReply(status=200)]
    with FakeOpenAI() as fake:
        fake.enqueue(*replies)
        seen = asyncio.run(go(fake))
        assert len(fake.requests) == 5  # none once it was taken as down
    assert seen == ["llm_error", "ok", "llm_error", "llm_error", "down", "down"]


def test_a_retried_clean_solution_does_not_displace_its_kept_duplicate(runner: Runner) -> None:
    c0_seed = Context(runner.config(), None, None, None).seed_for("sum-max/c0")  # type: ignore[arg-type]
    script = happy_script()

    def c0_fails(body: dict[str, Any]) -> str | FakeReply:
        first_c0 = purpose(body) == "clean" and body.get("seed") == c0_seed
        return FakeReply(status=503) if first_c0 else script(body)

    runner.fake.handler = c0_fails
    runner.run(samples=2, max_retries=0).close()
    assert verdicts(runner.run_dir)["sum-max/c0"] == "rejected:llm_error"
    assert verdicts(runner.run_dir)["sum-max/c1+DRY"] == "accepted:None"
    runner.fake.handler = happy_script()
    runner.run(samples=2, max_retries=0).close()
    made = verdicts(runner.run_dir)
    # both print the same program: the one made first keeps its place and its variant
    assert made["sum-max/c0"] == "rejected:duplicate" and "sum-max/c0+DRY" not in made
    assert made["sum-max/c1"] == made["sum-max/c1+DRY"] == "accepted:None"
