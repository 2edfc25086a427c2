"""`declean audit` on runs made by the real pipeline (real sandbox, real HTTP) against the
fake OpenAI server, and the `independent` policy in the de-clean stage.

The run: clean = tests/scripted/programs/clean.c, then MC = programs/mc.c (MAX_VALUES and
SCALE_FACTOR written out: clang-tidy flags 100 twice and 10 once, the clean one nothing),
then NAME = programs/sum_max_vague.c (mc.c with data, info, things, stuff, temp, var: vague
to declean's evidence, but none shorter than three letters, so clang-tidy's
identifier-length check has nothing to say). Hence, by hand: MC 1 variant, 1 agreed; NAME 1
variant, 0 agreed; the clean solution is flagged by no analyser, and its longest function
(main) has 10 lines of code for lizard.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.config import load_config
from generator.curation.state import code_sha
from generator.errors import ConfigError
from generator.records import Reason, Status
from generator.store import CurationDecision, Store
from tests.scripted import Script, fenced, program
from tests.scripted.runner import Runner

DECLEAN = str(Path(sys.executable).parent / "declean")
VAGUE = (Path(__file__).parent / "programs" / "sum_max_vague.c").read_text()
NAME_ID = "sum-max/c0+MC+NAME"


def _script() -> Script:
    return Script(
        clean=[fenced(program("clean"))],
        MC=[fenced(program("mc"))],
        NAME=[fenced(VAGUE)],
    )


def _run(runner: Runner, independent: str) -> Store:
    runner.fake.handler = _script()
    return runner.run(principles="MC,NAME", targets=False, independent=independent)


def _pulled(store: Store, decisions: dict[str, tuple[str, list[str]]]) -> None:
    """Rows as `declean pull` writes them into the store's curation table, each tied to the
    code it judged (issue 15), so none reads as stale."""
    store.execute("DELETE FROM curation")
    rows = []
    for sid, (decision, labels) in decisions.items():
        sample = store.get_sample(sid)
        sha = code_sha(sample.code) if sample else None
        rows.append(CurationDecision(sample_id=sid, decision=decision, labels=labels, code_sha=sha))
    store.curation.save(rows, time.time())


def _audit(run_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DECLEAN, "audit", str(run_dir), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("independent", ["record", "off"])
def test_audit_figures(runner: Runner, independent: str) -> None:
    store = _run(runner, independent)
    name = store.get_sample(NAME_ID)
    assert name.status == Status.ACCEPTED, (name.reason, name.detail)
    # off: nothing stored, so the audit computes the figures itself; record: it reads them.
    assert (name.independent_metrics is None) == (independent == "off")
    _pulled(
        store,
        {
            "sum-max/c0": ("keep", ["SRP"]),  # a curator sees an SRP issue in the clean one
            "sum-max/c0+MC": ("keep", ["MC"]),
            NAME_ID: ("reject", []),
            "sum-max/c9": ("pending", []),  # pending: not counted
        },
    )
    store.close()

    out = _audit(runner.run_dir, "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    labels = report["labels"]
    assert labels["MC"] == {"variants": 1, "agree": 1, "rate": 1.0, "evidence": 1}
    assert labels["NAME"] == {"variants": 1, "agree": 0, "rate": 0.0, "evidence": 1}
    assert labels["DRY"] == {"variants": 0, "agree": 0, "rate": None, "evidence": 0}
    clean = report["clean"]
    assert clean["clang-tidy readability-magic-numbers"] == {
        "principle": "MC",
        "solutions": 1,
        "flagged": 0,
        "rate": 0.0,
        "mean": 0.0,
    }
    assert clean["lizard function size"]["mean"] == 10.0
    assert all(row["flagged"] == 0 for row in clean.values())

    human = report["human"]
    assert (human["records"], human["kept"], human["share_kept"]) == (3, 2, 0.6667)
    assert human["decisions"] == {"keep": 2, "reject": 1}
    assert human["labels"]["MC"] == {"kept": 1, "removed": 1, "added": 0, "rate": 0.5}
    assert human["labels"]["NAME"] == {"kept": 0, "removed": 1, "added": 0, "rate": 0.0}
    assert human["labels"]["SRP"] == {"kept": 0, "removed": 0, "added": 1, "rate": None}

    text = _audit(runner.run_dir)
    assert text.returncode == 0, text.stderr
    assert "3 records decided, 2 kept (67%" in text.stdout
    assert "readability-magic" in text.stdout


def test_audit_before_pull_has_no_human_part(runner: Runner) -> None:
    _run(runner, "record").close()
    report = json.loads(_audit(runner.run_dir, "--json").stdout)
    assert report["human"] is None
    assert report["labels"]["MC"]["agree"] == 1


def test_audit_of_a_directory_without_a_run(tmp_path: Path) -> None:
    out = _audit(tmp_path)
    assert out.returncode == 1
    assert "not a declean run directory" in out.stderr


def test_record_keeps_a_variant_the_analysers_do_not_back(runner: Runner) -> None:
    store = _run(runner, "record")
    name = store.get_sample(NAME_ID)
    assert name.status == Status.ACCEPTED
    assert name.independent_confirmed == []
    assert name.independent_metrics["clang-tidy"]["short_names"] == {"parent": 0, "variant": 0}
    mc = store.get_sample("sum-max/c0+MC")
    assert mc.independent_confirmed == ["MC"]
    assert mc.independent_metrics["new"]["magic_numbers"] == ["10", "100"]


def test_reject_retries_then_names_the_reason(runner: Runner) -> None:
    store = _run(runner, "reject")
    name = store.get_sample(NAME_ID)
    assert (name.status, name.reason) == (Status.REJECTED, Reason.NOT_INDEPENDENT)
    assert "do not confirm NAME" in name.detail
    assert name.independent_metrics is not None  # the figures that decided it are kept
    outcomes = [a["outcome"] for a in store.attempts(NAME_ID)]
    assert outcomes.count("not_independent") == 2  # retries=1 in the Runner: two tries
    assert store.get_sample("sum-max/c0+MC").status == Status.ACCEPTED


def test_policy_from_environment_and_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config().independent == "record"
    toml = tmp_path / "c.toml"
    toml.write_text('independent = "off"\n')
    assert load_config(toml).independent == "off"
    monkeypatch.setenv("DECLEAN_INDEPENDENT", "reject")
    assert load_config(toml).independent == "reject"
    toml.write_text('independent = "maybe"\n')
    monkeypatch.delenv("DECLEAN_INDEPENDENT")
    with pytest.raises(ConfigError, match="'independent'"):
        load_config(toml)
