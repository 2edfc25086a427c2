"""`declean run`/`status` as a user runs them: subprocesses, exit codes, messages, resume."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.fake_openai import FakeOpenAI
from tests.needs import needs
from tests.scripted import PROGRAMS, happy_script
from tests.scripted.runner import PROBLEMS, Runner

DECLEAN = str(Path(sys.executable).parent / "declean")
ALL = "DRY,SRP,MC,NAME"


# Short backoff; and the scripted replies make any edit asked for (see conftest.Runner).
# The scripted replies are the LLM editor's.
FAST = {
    "DECLEAN_MAX_BACKOFF_S": "0.2",
    "DECLEAN_SKIP_INAPPLICABLE": "false",
    "DECLEAN_EDITOR": "llm",
}


# Most commands a test runs here build programs: the helpers carry the mark for every caller.
@needs("sandbox")
def declean(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **FAST, **env}
    return subprocess.run(
        [DECLEAN, *args],
        capture_output=True,
        text=True,
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


@needs("sandbox")
def declean_run(
    problems: Path | str, run_dir: Path | str, base_url: str, *extra: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """`declean run` against an endpoint serving the model "fake"."""
    args = ["--problems", str(problems), "--run-dir", str(run_dir), "--base-url", base_url]
    return declean("run", *args, "--model", "fake", *extra, **env)


def corpus(tmp: Path, n: int) -> Path:
    """n copies of the test problem under different ids: enough work to kill mid-way."""
    d = tmp / "problems"
    d.mkdir()
    data = yaml.safe_load((PROBLEMS / "sum-max.yaml").read_text())
    for i in range(n):
        (d / f"p{i}.yaml").write_text(yaml.safe_dump(data | {"id": f"sum-max-{i}"}))
    return d


def accepted(run_dir: Path) -> dict[str, str]:
    from generator.store import Store

    with Store.open(run_dir, create=False) as store:
        return {s.id: s.code for s in store.samples() if s.status == "accepted"}


def verdicts(run_dir: Path) -> dict[str, str]:
    from generator.store import Store

    with Store.open(run_dir, create=False) as store:
        return {s.id: f"{s.status.value}:{s.reason}" for s in store.samples()}


def test_status_json_contract(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    runner.run(principles="DRY,MC", combinations="chain").close()
    out = declean("status", str(runner.run_dir), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data["llm"]) >= {"requests", "cache_hits", "prompt_tokens", "completion_tokens"}
    assert data["funnel"]["clean"]["accepted"] == 1
    assert data["funnel"]["DRY"]["accepted"] == 1 and data["funnel"]["MC"]["accepted"] == 1
    assert data["llm"]["requests"] == 4  # clean, DRY (whole program), MC (two functions)


def test_sigkill_mid_lattice_then_resume(tmp_path: Path) -> None:
    problems = corpus(tmp_path, 3)
    common = [
        "--problems",
        str(problems),
        "--model",
        "fake",
        "--samples",
        "1",
        "--principles",
        ALL,
        "--concurrency",
        "2",
    ]
    with FakeOpenAI(happy_script(), latency=0.15) as fake:
        ref = declean(
            "run", "--run-dir", str(tmp_path / "ref"), "--base-url", fake.base_url, *common
        )
        assert ref.returncode == 0, ref.stderr
        baseline = len(fake.requests)
    reference = accepted(tmp_path / "ref")
    made = verdicts(tmp_path / "ref")
    # a clean solution and its 15 subsets each, every one with a verdict
    assert len(made) == 3 * 16 and not any(v.startswith("pending") for v in made.values())
    assert "sum-max-2/c0+SRP+NAME" in made and len(reference) > 3 * 8

    with FakeOpenAI(happy_script(), latency=0.15) as fake:
        args = [
            DECLEAN,
            "run",
            "--run-dir",
            str(tmp_path / "killed"),
            "--base-url",
            fake.base_url,
            *common,
        ]
        proc = subprocess.Popen(
            args,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **FAST},
        )
        deadline = time.monotonic() + 120
        while len(fake.requests) < baseline // 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        before_kill = len(fake.requests)
        assert 0 < before_kill < baseline
        partial = verdicts(tmp_path / "killed")
        finished = [v for v in partial.values() if not v.startswith("pending")]
        assert len(finished) < len(made)  # it really died mid-lattice
        resumed = declean(
            "run", "--run-dir", str(tmp_path / "killed"), "--base-url", fake.base_url, *common
        )
        assert resumed.returncode == 0, resumed.stderr
        bodies = [json.dumps(r, sort_keys=True) for r in fake.requests]
    assert accepted(tmp_path / "killed") == reference
    assert verdicts(tmp_path / "killed") == made
    repeated = len(bodies) - len(set(bodies))
    assert repeated <= 2  # at most the requests in flight at the kill (concurrency 2)
    assert len(bodies) <= baseline + 2


def test_rerun_finished_run_makes_no_request(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    runner.run(principles="DRY").close()
    n = len(runner.fake.requests)
    out = declean_run(
        str(PROBLEMS),
        str(runner.run_dir),
        runner.fake.base_url,
        "--samples",
        "1",
        "--principles",
        "DRY",
    )
    assert out.returncode == 0, out.stderr
    assert len(runner.fake.requests) == n


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: x\ntitle: [unclosed\n", "not valid YAML"),
        ("id: ok-id\ntitle: T\ninputs: ['']\n", "field 'statement'"),
        ("id: Bad_Id\ntitle: T\nstatement: S\ninputs: ['']\n", "field 'id'"),
        ("id: ok-id\ntitle: T\nstatement: S\ninputs: []\n", "field 'inputs'"),
        ("id: ok-id\ntitle: T\nstatement: S\ninputs: ['']\nlevel: 3\n", "field 'level'"),
    ],
    ids=["yaml", "missing-field", "bad-slug", "no-inputs", "unknown-field"],
)
def test_bad_problem_file_fails_before_any_llm_call(
    tmp_path: Path, fake_openai: FakeOpenAI, content: str, expected: str
) -> None:
    d = tmp_path / "problems"
    shutil.copytree(PROBLEMS, d)
    (d / "broken.yaml").write_text(content)
    out = declean_run(str(d), str(tmp_path / "r"), fake_openai.base_url)
    assert out.returncode == 1
    assert "broken.yaml" in out.stderr and expected in out.stderr
    assert fake_openai.requests == []
    check = declean("problems", "check", str(d))
    assert check.returncode == 1 and "broken.yaml" in check.stderr


def test_duplicate_problem_ids(tmp_path: Path) -> None:
    d = tmp_path / "problems"
    shutil.copytree(PROBLEMS, d)
    shutil.copy(d / "sum-max.yaml", d / "copy.yaml")
    out = declean("problems", "check", str(d))
    assert out.returncode == 1 and "duplicate id 'sum-max'" in out.stderr


def test_unknown_principle(tmp_path: Path) -> None:
    out = declean(
        "run",
        "--problems",
        str(PROBLEMS),
        "--run-dir",
        str(tmp_path / "r"),
        "--principles",
        "DRY,OCP",
    )
    assert out.returncode == 1 and "unknown principle 'OCP'" in out.stderr


def test_unreachable_endpoint_keeps_finished_work(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    runner.run(principles="DRY").close()
    before = accepted(runner.run_dir)
    # a second clean solution is new work for the endpoint (another --principles would be
    # refused as a changed setting before the endpoint is asked anything)
    args = ("--principles", "DRY", "--samples", "2")
    out = declean_run(str(PROBLEMS), str(runner.run_dir), "http://127.0.0.1:9/v1", *args)
    assert out.returncode == 1 and "cannot reach the LLM endpoint" in out.stderr
    assert accepted(runner.run_dir) == before


@pytest.mark.sandbox  # the sandbox opens before the endpoint is asked for its models
def test_missing_key_for_remote_endpoint(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "DECLEAN_API_KEY")}
    out = subprocess.run(
        [
            DECLEAN,
            "run",
            "--problems",
            str(PROBLEMS),
            "--run-dir",
            str(tmp_path / "r"),
            "--base-url",
            "https://api.openai.example/v1",
            "--model",
            "gpt",
        ],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert out.returncode == 1 and "OPENAI_API_KEY" in out.stderr


def test_api_key_never_reaches_store_or_output(tmp_path: Path) -> None:
    secret = "sk-test-must-not-leak-42"
    with FakeOpenAI(happy_script()) as fake:
        out = declean_run(
            str(PROBLEMS),
            str(tmp_path / "r"),
            fake.base_url,
            "--samples",
            "1",
            "--principles",
            "DRY",
            DECLEAN_API_KEY=secret,
        )
        assert out.returncode == 0, out.stderr
        assert fake.headers[0]["authorization"] == f"Bearer {secret}"
    assert secret not in out.stdout + out.stderr
    for f in (tmp_path / "r").iterdir():
        assert secret.encode() not in f.read_bytes(), f


def test_given_solutions_de_cleaned_procedurally_need_no_endpoint(tmp_path: Path) -> None:
    given = tmp_path / "mine"
    given.mkdir()
    (given / "sum-max.c").write_text((PROGRAMS / "clean.c").read_text())
    out = declean_run(
        str(PROBLEMS),
        str(tmp_path / "r"),
        "http://127.0.0.1:9/v1",  # nothing listens: any request would fail the run
        "--clean-from",
        str(given),
        "--editor",
        "procedural",
        "--combinations",
        "all",
        "--principles",
        "MC,NAME",
    )
    assert out.returncode == 0, out.stderr
    made = verdicts(tmp_path / "r")
    assert set(made) == {"sum-max/c0", "sum-max/c0+MC", "sum-max/c0+NAME", "sum-max/c0+MC+NAME"}
    assert all(v.startswith("accepted") for v in made.values()), made


def test_a_folder_of_roots_through_the_command(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    given = tmp_path / "roots" / "sum-max"
    given.mkdir(parents=True)
    programs = PROGRAMS
    for name in ("clean", "main_only"):
        shutil.copyfile(programs / f"{name}.c", given / f"{name}.c")
    common = ("--clean-from", str(given.parent), "--editor", "procedural", "--principles", "MC")
    out = declean_run(PROBLEMS, tmp_path / "r", fake_openai.base_url, *common)
    assert out.returncode == 0, out.stderr
    both = {"sum-max/c0", "sum-max/c0+MC", "sum-max/c1", "sum-max/c1+MC"}
    assert set(verdicts(tmp_path / "r")) == both
    assert all(v.startswith("accepted") for v in verdicts(tmp_path / "r").values())
    out = declean_run(PROBLEMS, tmp_path / "r1", fake_openai.base_url, *common, "--samples", "1")
    assert out.returncode == 0, out.stderr
    assert set(verdicts(tmp_path / "r1")) == {"sum-max/c0", "sum-max/c0+MC"}
    assert fake_openai.requests == []
