"""The prompt detector's evaluation against the fake OpenAI server, scored by hand: what a
scripted detector answers, by the gold labels of each program of a real export's test split,
counted label by label here and compared with `evaluate`'s figures."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.dataset.detector import parse_answer
from generator.dataset.evaluation import load_split
from generator.dataset.export import export
from generator.dataset.rows import NO_COMPILE, Source, load_rows
from generator.dataset.split import TEST, balanced_split, save_split
from generator.detectors.evaluate import EvalResult, evaluate
from generator.llm import LLMSettings
from generator.principles import Principle
from generator.store import Store
from tests.dataset.runs import small_run
from tests.fake_openai import FakeOpenAI, FakeReply

LABELS = [p.value for p in Principle]
Gold = tuple[str, ...]


def split_run(run_dir: Path) -> Path:
    """The small run, split half and half by problem, compile failures in: the first balanced
    split whose test part holds a compile failure, which the scoring must leave out."""
    small_run(run_dir)
    with Store.open(run_dir) as store:
        rows = load_rows(store, Source.AUTO)
        failing = {r.problem_id for r in rows if NO_COMPILE in r.labels}
        splits = (balanced_split(rows, 0.5, seed) for seed in range(20))
        assignment = next(a for a in splits if any(a[p] == TEST for p in failing))
        save_split(store, Source.AUTO, assignment, {"include_no_compile": True})
    return run_dir


# What the scripted detector answers for a program, by its gold labels, and the labels that
# answer counts as (None: unparseable, no label).
def script(gold: Gold) -> tuple[str | FakeReply, Gold | None]:
    if NO_COMPILE in gold:  # never asked: a compile failure is left out of the scoring
        return FakeReply(status=500), None
    if not gold:  # a clean program flagged: FP MC
        return '{"labels": ["MC"]}', ("MC",)
    if gold == ("DRY",):  # prose: unparseable, FN DRY
        return "It repeats itself, so DRY.", None
    if len(gold) == 1:  # exact
        return json.dumps({"labels": list(gold)}), gold
    # Several: the first one missed (FN), NAME added (FP where it is not there), fenced.
    said = tuple(sorted({*gold[1:], "NAME"}, key=LABELS.index))
    return f"```json\n{json.dumps({'labels': list(said)})}\n```", said


@dataclass(frozen=True)
class Expected:
    """The scores, counted by hand from the test split's gold labels and the script."""

    n: int
    exact: int
    unparseable: int
    left_out: int
    per_label: dict[str, tuple[float, float, float, float]]  # jaccard, precision, recall, f1
    support: dict[str, int]  # scored programs with the label
    kinds: set[str]  # which of the script's answers the split holds


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def said(gold: Gold) -> Gold | None:
    return script(gold)[1]


def expected(export_dir: Path) -> Expected:
    rows, _ = load_split(export_dir, "test")
    scored = [r["gold"] for r in rows if NO_COMPILE not in r["gold"]]
    answers = [(gold, said(gold) or ()) for gold in scored]
    per_label = {}
    for label in LABELS:
        tp = sum(label in g and label in a for g, a in answers)
        fp = sum(label not in g and label in a for g, a in answers)
        fn = sum(label in g and label not in a for g, a in answers)
        per_label[label] = (
            ratio(tp, tp + fp + fn),
            ratio(tp, tp + fp),
            ratio(tp, tp + fn),
            ratio(2 * tp, 2 * tp + fp + fn),
        )
    kinds = {
        "clean" if not g else "prose" if g == ("DRY",) else "one" if len(g) == 1 else "several"
        for g in scored
    }
    return Expected(
        n=len(scored),
        exact=sum(set(g) == set(a) for g, a in answers),
        unparseable=sum(said(g) is None for g in scored),
        left_out=len(rows) - len(scored),
        per_label=per_label,
        support={label: sum(label in g for g in scored) for label in LABELS},
        kinds=kinds,
    )


def golds(export_dir: Path) -> dict[str, Gold]:
    """Each program of the export and its gold labels: what the scripted detector reads."""
    out: dict[str, Gold] = {}
    for split in ("train", "test"):
        for r in load_split(export_dir, split)[0]:
            assert out.setdefault(r["code"], r["gold"]) == r["gold"], r["id"]
    return out


def gold_of(body: dict, known: dict[str, Gold]) -> Gold:
    """The gold labels of the program a detector request shows."""
    text = body["messages"][-1]["content"]
    return known[max((code for code in known if code in text), key=len)]


def scripted(export_dir: Path) -> Callable[[dict], str | FakeReply]:
    known = golds(export_dir)
    return lambda body: script(gold_of(body, known))[0]


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    run = split_run(tmp_path / "run")
    out = tmp_path / "export"
    export(run, out, Source.AUTO)
    return out


def settings(server: FakeOpenAI) -> LLMSettings:
    return LLMSettings(base_url=server.base_url, model="fake-detector", max_retries=0)


def run_eval(export_dir: Path, server: FakeOpenAI, split: str = "test") -> EvalResult:
    return evaluate(export_dir, split, settings=settings(server), log=lambda _: None)


def test_eval_gives_the_hand_computed_scores(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    want = expected(export_dir)
    # The test split holds every kind of answer the script gives, and a compile failure.
    assert want.kinds == {"clean", "prose", "one", "several"} and want.left_out
    fake_openai.handler = scripted(export_dir)
    result = run_eval(export_dir, fake_openai)
    report = result.report
    assert report["n"] == want.n and report["exact_match"] == pytest.approx(want.exact / want.n)
    assert result.answer.extra["unparseable"] == want.unparseable
    assert result.answer.extra["errors"] == 0 and result.target.left_out == want.left_out
    for label, (jaccard, precision, recall, f1) in want.per_label.items():
        row = report["per_label"][label]
        assert row["jaccard"] == pytest.approx(jaccard), label
        assert row["precision"] == pytest.approx(precision), label
        assert row["recall"] == pytest.approx(recall), label
        assert row["f1"] == pytest.approx(f1), label
        assert row["auc"] is None  # the prompt gives labels, no score
        assert row["support"] == want.support[label], label
    carried = [want.per_label[x][3] for x in LABELS if want.support[x]]
    assert report["macro_f1"] == pytest.approx(sum(carried) / len(carried))
    # Structured output was asked for, with the label set as the schema's enum.
    schema = fake_openai.requests[0]["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["labels"]["items"]["enum"][-1] == "NO_COMPILE"
    saved = json.loads(result.json_path.read_text())
    assert saved["per_label"]["MC"]["jaccard"] == pytest.approx(want.per_label["MC"][0])
    assert saved["about"]["unparseable"] == want.unparseable
    assert saved["left_out_no_compile"] == want.left_out
    jaccard, precision, recall, f1 = want.per_label["MC"]
    support = want.support["MC"]
    mc_row = f"| MC | {f1:.3f} | {jaccard:.3f} | {precision:.3f} | {recall:.3f} | - | {support} |"
    assert mc_row in result.md_path.read_text()
    preds = result.json_path.with_name("test-fake-detector.predictions.jsonl")
    statuses = [json.loads(line)["status"] for line in preds.read_text().splitlines()]
    assert sorted(statuses) == ["ok"] * (want.n - want.unparseable) + ["unparseable"] * (
        want.unparseable
    )


def test_eval_resumes_from_the_cache(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    fake_openai.handler = scripted(export_dir)
    first = run_eval(export_dir, fake_openai)
    asked = len(fake_openai.requests)
    second = run_eval(export_dir, fake_openai)
    # Every answered one comes from the cache.
    assert len(fake_openai.requests) == asked
    assert second.answer.extra["cached"] == first.report["n"]
    assert second.report == first.report


def test_eval_falls_back_to_plain_text_when_structured_output_is_refused(
    fake_openai: FakeOpenAI, export_dir: Path
) -> None:
    answer = scripted(export_dir)

    def no_schema(body: dict) -> str | FakeReply:
        if "response_format" in body:
            return FakeReply(status=400)
        return answer(body)

    fake_openai.handler = no_schema
    result = run_eval(export_dir, fake_openai)
    mc_jaccard = expected(export_dir).per_label["MC"][0]
    assert result.report["per_label"]["MC"]["jaccard"] == pytest.approx(mc_jaccard)
    assert json.loads(result.json_path.read_text())["about"]["structured_output"] is False
    assert sum("response_format" in r for r in fake_openai.requests) == 1


def test_a_failed_call_counts_as_no_label(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    known, answer = golds(export_dir), scripted(export_dir)

    def down_for_mc(body: dict) -> str | FakeReply:
        return FakeReply(status=500) if "MC" in gold_of(body, known) else answer(body)

    fake_openai.handler = down_for_mc
    result = run_eval(export_dir, fake_openai)
    rows, _ = load_split(export_dir, "test")
    with_mc = [r for r in rows if "MC" in r["gold"]]
    assert with_mc and result.answer.extra["errors"] == len(with_mc)
    assert result.report["per_label"]["MC"]["recall"] == 0.0


def test_cli_eval_prints_and_saves_the_table(fake_openai: FakeOpenAI, export_dir: Path) -> None:
    want = expected(export_dir)
    fake_openai.handler = scripted(export_dir)
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
    exact = f"exact match {want.exact / want.n:.3f} ({want.n} programs)"
    assert "jaccard" in res.stdout and exact in res.stdout
    assert f"unparseable {want.unparseable}; failed calls 0" in res.stdout
    assert f"detected {want.n}/{want.n}" in res.stdout
    assert f"left out {want.left_out} NO_COMPILE row(s)" in res.stdout
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
    assert report["per_label"]["SRP"]["f1"] == pytest.approx(want.per_label["SRP"][3])


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
