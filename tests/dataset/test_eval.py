"""The detector evaluation against the fake OpenAI server, scored by hand."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.dataset.detector import parse_answer
from generator.dataset.evaluation import evaluate
from generator.dataset.export import export
from generator.dataset.rows import Source, load_rows
from generator.dataset.split import balanced_split, save_split
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


# By hand, over the 7 test samples:
#   DRY  gold {c1+DRY, c1+DRY+SRP}, pred {c1+DRY+SRP}      TP1 FP0 FN1  J 1/2  P 1   R 1/2
#   SRP  gold {c1+DRY+SRP},         pred {c1+DRY+SRP}      TP1 FP0 FN0  J 1    P 1   R 1
#   MC   gold {c0+MC, c0+MC+NAME},  pred {c0, c0+MC}       TP1 FP1 FN1  J 1/3  P 1/2 R 1/2
#   NAME gold {c0+MC+NAME},         pred {c0+MC+NAME, c1+DRY+SRP}  TP1 FP1 FN0  J 1/2 P 1/2 R 1
#   NO_COMPILE gold {nc}, pred {}                          TP0 FP0 FN1  J 0    P -   R 0
#   exact: c0+MC, c1 -> 2/7; unparseable 1; failed calls 1.
EXPECTED = {
    "DRY": (1 / 2, 1.0, 1 / 2, 2 / 3),
    "SRP": (1.0, 1.0, 1.0, 1.0),
    "MC": (1 / 3, 1 / 2, 1 / 2, 1 / 2),
    "NAME": (1 / 2, 1 / 2, 1.0, 2 / 3),
    "NO_COMPILE": (0.0, None, 0.0, 0.0),
}


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    run = twin_run(tmp_path / "run")
    out = tmp_path / "export"
    export(run, out, Source.AUTO)
    return out


def settings(server: FakeOpenAI) -> LLMSettings:
    return LLMSettings(base_url=server.base_url, model="fake-detector", max_retries=0)


def test_eval_gives_the_hand_computed_scores(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    fake_openai.handler = scripted
    result = evaluate(export_dir, "test", settings(fake_openai), log=lambda _: None)
    s = result.scores
    assert s.n == 7 and s.exact == 2 and s.unparseable == 1 and s.errors == 1
    assert s.exact_match == pytest.approx(2 / 7)
    for score in s.labels:
        jaccard, precision, recall, f1 = EXPECTED[score.label]
        assert score.jaccard == pytest.approx(jaccard), score.label
        assert score.recall == pytest.approx(recall), score.label
        assert score.f1 == pytest.approx(f1), score.label
        if precision is None:
            assert score.precision is None
        else:
            assert score.precision == pytest.approx(precision), score.label
    # Structured output was asked for, with the label set as the schema's enum.
    schema = fake_openai.requests[0]["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["labels"]["items"]["enum"][-1] == "NO_COMPILE"
    report = json.loads(result.json_path.read_text())
    assert report["labels"]["MC"]["jaccard"] == pytest.approx(1 / 3)
    assert report["unparseable"] == 1 and report["errors"] == 1
    assert "| MC | 2 | 2 | 1 | 1 | 1 | 0.333 |" in result.md_path.read_text()
    preds = result.json_path.with_name("test-fake-detector.predictions.jsonl")
    statuses = [json.loads(line)["status"] for line in preds.read_text().splitlines()]
    assert sorted(statuses) == ["error"] + ["ok"] * 5 + ["unparseable"]


def test_eval_resumes_from_the_cache(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    fake_openai.handler = scripted
    first = evaluate(export_dir, "test", settings(fake_openai), log=lambda _: None)
    asked = len(fake_openai.requests)
    second = evaluate(export_dir, "test", settings(fake_openai), log=lambda _: None)
    # Only the failed call is asked again; every answered one comes from the cache.
    assert len(fake_openai.requests) - asked == 1
    assert second.cached == 6
    assert second.scores.as_dict() == first.scores.as_dict()


def test_eval_falls_back_to_plain_text_when_structured_output_is_refused(
    fake_openai: FakeOpenAI, export_dir: Path
) -> None:
    def no_schema(body: dict) -> str | FakeReply:
        if "response_format" in body:
            return FakeReply(status=400)
        return scripted(body)

    fake_openai.handler = no_schema
    result = evaluate(export_dir, "test", settings(fake_openai), log=lambda _: None)
    assert result.scores.labels[2].jaccard == pytest.approx(1 / 3)
    assert json.loads(result.json_path.read_text())["structured_output"] is False
    assert sum("response_format" in r for r in fake_openai.requests) == 1


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
    assert "Jaccard" in res.stdout and "exact match 0.286 (2/7)" in res.stdout
    assert "unparseable 1; failed calls 1" in res.stdout and "detected 7/7" in res.stdout
    assert (export_dir / "eval" / "test-fake-detector.md").is_file()


def test_eval_errors_name_the_way_out(tmp_path: Path, export_dir: Path) -> None:
    from generator.errors import ConfigError

    with pytest.raises(ConfigError, match="declean export"):
        evaluate(tmp_path, "test", LLMSettings(base_url="http://127.0.0.1:9/v1"))
    with pytest.raises(ConfigError, match="--split 'dev'"):
        evaluate(export_dir, "dev", LLMSettings(base_url="http://127.0.0.1:9/v1"))


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
        export_dir, "test", LLMSettings(embedded_size="0.5b"), limit=3, log=lambda _: None
    )
    assert result.scores.n == 3
    assert result.scores.unparseable == 0 and result.scores.errors == 0
    assert json.loads(result.json_path.read_text())["structured_output"] is True
    assert "qwen2.5-coder-0.5b" in result.model
