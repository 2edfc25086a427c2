"""The prompt detector's evaluation against the fake OpenAI server, scored by hand."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.dataset.detector import parse_answer
from generator.dataset.export import export
from generator.dataset.rows import Source, load_rows
from generator.dataset.split import balanced_split, save_split
from generator.detectors.evaluate import EvalResult, evaluate
from generator.llm import LLMSettings
from generator.principles import Principle
from generator.store import Store
from tests.dataset.runs import NO_COMPILE_MARK, add_problem
from tests.fake_openai import FakeOpenAI, FakeReply

P = Principle


def twin_run(run_dir: Path) -> Path:
    """Two problems with the same shape, so the test split holds the same gold whichever wins.

    Per problem: c0 {}, c0+MC {MC}, c0+MC+NAME {MC,NAME}, c1 {}, c1+DRY {DRY},
    c1+DRY+SRP {DRY,SRP}, one compile failure {NO_COMPILE}, one duplicate (not exported).
    """
    with Store.open(run_dir) as store:
        for pid in ("alpha", "beta"):
            add_problem(store, pid, [[P.MC, P.NAME], [P.DRY, P.SRP]], no_compile=1, rejected=1)
        rows = load_rows(store, Source.AUTO)
        save_split(store, Source.AUTO, balanced_split(rows, 0.5), {"include_no_compile": True})
    return run_dir


# What the scripted detector answers, keyed by (clean index, steps taken).
SCRIPT: dict[tuple[int, tuple[str, ...]], str | FakeReply] = {
    (0, ()): '{"labels": ["MC"]}',  # FP MC
    (0, ("MC",)): '{"labels": ["MC"]}',  # TP MC, exact
    (0, ("MC", "NAME")): '{"labels": ["NAME"]}',  # TP NAME, FN MC
    (1, ()): '{"labels": []}',  # exact
    (1, ("DRY",)): "It repeats itself, so DRY.",  # unparseable: FN DRY
    (1, ("DRY", "SRP")): '```json\n{"labels": ["DRY", "SRP", "NAME"]}\n```',  # TP DRY SRP, FP NAME
}


def scripted(body: dict) -> str | FakeReply:
    code = body["messages"][-1]["content"]
    if NO_COMPILE_MARK in code:  # the compile failure: the endpoint fails for good, FN NO_COMPILE
        return FakeReply(status=500)
    k = 0 if "clean 0" in code else 1
    return SCRIPT[(k, tuple(re.findall(r"/\* (DRY|SRP|MC|NAME) \*/", code)))]


# By hand, over the 6 test samples with principles (the compile failure is left out):
#   DRY  gold {c1+DRY, c1+DRY+SRP}, pred {c1+DRY+SRP}      TP1 FP0 FN1  J 1/2  P 1   R 1/2
#   SRP  gold {c1+DRY+SRP},         pred {c1+DRY+SRP}      TP1 FP0 FN0  J 1    P 1   R 1
#   MC   gold {c0+MC, c0+MC+NAME},  pred {c0, c0+MC}       TP1 FP1 FN1  J 1/3  P 1/2 R 1/2
#   NAME gold {c0+MC+NAME},         pred {c0+MC+NAME, c1+DRY+SRP}  TP1 FP1 FN0  J 1/2 P 1/2 R 1
#   exact: c0+MC, c1 -> 2/6; unparseable 1; the compile failure's failed call is not scored.
EXPECTED = {
    "DRY": (1 / 2, 1.0, 1 / 2, 2 / 3),
    "SRP": (1.0, 1.0, 1.0, 1.0),
    "MC": (1 / 3, 1 / 2, 1 / 2, 1 / 2),
    "NAME": (1 / 2, 1 / 2, 1.0, 2 / 3),
}


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    run = twin_run(tmp_path / "run")
    out = tmp_path / "export"
    export(run, out, Source.AUTO)
    return out


def settings(server: FakeOpenAI) -> LLMSettings:
    return LLMSettings(base_url=server.base_url, model="fake-detector", max_retries=0)


def run_eval(export_dir: Path, server: FakeOpenAI, split: str = "test") -> EvalResult:
    return evaluate(export_dir, split, settings=settings(server), log=lambda _: None)


def test_eval_gives_the_hand_computed_scores(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    fake_openai.handler = scripted
    result = run_eval(export_dir, fake_openai)
    report = result.report
    assert report["n"] == 6 and report["exact_match"] == pytest.approx(2 / 6)
    assert result.answer.extra["unparseable"] == 1 and result.target.left_out == 1
    for label, (jaccard, precision, recall, f1) in EXPECTED.items():
        row = report["per_label"][label]
        assert row["jaccard"] == pytest.approx(jaccard), label
        assert row["precision"] == pytest.approx(precision), label
        assert row["recall"] == pytest.approx(recall), label
        assert row["f1"] == pytest.approx(f1), label
        assert row["auc"] is None  # the prompt gives labels, no score
    assert report["macro_f1"] == pytest.approx((2 / 3 + 1 + 1 / 2 + 2 / 3) / 4)
    # Structured output was asked for, with the label set as the schema's enum.
    schema = fake_openai.requests[0]["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["labels"]["items"]["enum"][-1] == "NO_COMPILE"
    saved = json.loads(result.json_path.read_text())
    assert saved["per_label"]["MC"]["jaccard"] == pytest.approx(1 / 3)
    assert saved["about"]["unparseable"] == 1 and saved["left_out_no_compile"] == 1
    assert "| MC | 0.500 | 0.333 | 0.500 | 0.500 | - | 2 |" in result.md_path.read_text()
    preds = result.json_path.with_name("test-fake-detector.predictions.jsonl")
    statuses = [json.loads(line)["status"] for line in preds.read_text().splitlines()]
    assert sorted(statuses) == ["ok"] * 5 + ["unparseable"]


def test_eval_resumes_from_the_cache(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    fake_openai.handler = scripted
    first = run_eval(export_dir, fake_openai)
    asked = len(fake_openai.requests)
    second = run_eval(export_dir, fake_openai)
    # Every answered one comes from the cache.
    assert len(fake_openai.requests) == asked
    assert second.answer.extra["cached"] == 6
    assert second.report == first.report


def test_eval_falls_back_to_plain_text_when_structured_output_is_refused(
    fake_openai: FakeOpenAI, export_dir: Path
) -> None:
    def no_schema(body: dict) -> str | FakeReply:
        if "response_format" in body:
            return FakeReply(status=400)
        return scripted(body)

    fake_openai.handler = no_schema
    result = run_eval(export_dir, fake_openai)
    assert result.report["per_label"]["MC"]["jaccard"] == pytest.approx(1 / 3)
    assert json.loads(result.json_path.read_text())["about"]["structured_output"] is False
    assert sum("response_format" in r for r in fake_openai.requests) == 1


def test_a_failed_call_counts_as_no_label(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    def down_for_mc(body: dict) -> str | FakeReply:
        code = body["messages"][-1]["content"]
        return FakeReply(status=500) if "/* MC */" in code else scripted(body)

    fake_openai.handler = down_for_mc
    result = run_eval(export_dir, fake_openai)
    assert result.answer.extra["errors"] == 2  # c0+MC and c0+MC+NAME
    assert result.report["per_label"]["MC"]["recall"] == 0.0


def test_cli_eval_prints_and_saves_the_table(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    fake_openai.handler = scripted
    code = "from generator.cli import main; main()"
    args = ["eval", str(export_dir), "--base-url", fake_openai.base_url, "--model", "fake-detector"]
    res = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "DECLEAN_MAX_RETRIES": "0"},
    )
    assert res.returncode == 0, res.stderr
    assert "jaccard" in res.stdout and "exact match 0.333 (6 programs)" in res.stdout
    assert "unparseable 1; failed calls 0" in res.stdout and "detected 6/6" in res.stdout
    assert "left out 1 NO_COMPILE row(s)" in res.stdout
    assert (export_dir / "eval" / "test-fake-detector.md").is_file()
    as_json = subprocess.run(
        [sys.executable, "-c", code, *args, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "DECLEAN_MAX_RETRIES": "0"},
    )
    report = json.loads(as_json.stdout)
    assert report["detector"] == "fake-detector" and report["split"] == "test"
    assert report["per_label"]["SRP"]["f1"] == 1.0


def test_eval_errors_name_the_way_out(tmp_path: Path, export_dir: Path) -> None:
    from generator.errors import ConfigError

    down = LLMSettings(base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ConfigError, match="declean export"):
        evaluate(tmp_path, "test", settings=down)
    with pytest.raises(ConfigError, match="--split 'dev'"):
        evaluate(export_dir, "dev", settings=down)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ('{"labels": ["MC", "DRY"]}', ("DRY", "MC")),
        ('{"labels": []}', ()),
        ('Sure! {"labels": ["name"]} is my answer.', ("NAME",)),
        ('["SRP"]', ("SRP",)),
        ('{"labels": ["MAGIC"]}', None),
        ('{"answer": "DRY"}', None),
        ("", None),
    ],
)
def test_parse_answer(text: str, labels: tuple[str, ...] | None) -> None:
    assert parse_answer(text).labels == labels


@pytest.mark.llm
@pytest.mark.slow
def test_eval_on_the_embedded_model_reads_every_answer(export_dir: Path) -> None:
    """The default path: no --base-url starts the embedded model; json_schema output keeps
    every answer readable even from the small model."""
    result = evaluate(
        export_dir, "test", settings=LLMSettings(embedded_size="0.5b"), limit=3, log=lambda _: None
    )
    assert result.report["n"] == 3
    assert result.answer.extra["unparseable"] == 0 and result.answer.extra["errors"] == 0
    assert json.loads(result.json_path.read_text())["about"]["structured_output"] is True
    assert "qwen2.5-coder-0.5b" in result.answer.detector
