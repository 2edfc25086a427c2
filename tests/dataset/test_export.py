"""Export a small real run and read it back with `datasets`, from Arrow and from Parquet."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from datasets import ClassLabel, Dataset, load_dataset, load_from_disk

from generator.c.program import Program
from generator.curation.state import code_sha
from generator.dataset import detector
from generator.dataset.export import export
from generator.dataset.rows import LABEL_NAMES, NO_COMPILE, Labels, Source, load_rows
from generator.dataset.split import balanced_split, save_split
from generator.errors import DecleanError
from generator.principles import Principle
from generator.principles.check import check
from generator.prompts import load_template
from generator.records import Kind, Reason, Sample
from generator.store import CurationDecision, Store
from tests.dataset.runs import labelled, small_run
from tests.runs import Root, extend

P = Principle


def judged(store: Store, sid: str) -> str:
    """The code hash a pull records: the decision was made on the sample's current code."""
    return code_sha(store.get_sample(sid).code)


def declean(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = "from generator.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("export")
    run = small_run(base / "run")
    res = declean("split", str(run), "--seed", "1")
    assert res.returncode == 0, res.stderr
    res = declean("export", str(run), "--out", str(base / "out"))
    assert res.returncode == 0, res.stderr
    return run, base / "out"


def stored_rows(run: Path) -> dict[str, tuple[str, ...]]:
    """The rows as `declean split` labels them by default: what a reviewer would say."""
    with Store.open(run, create=False) as store:
        return {r.id: r.labels for r in load_rows(store, Source.AUTO, labels=Labels.REVIEWER)}


def as_names(ds: Dataset) -> dict[str, tuple[str, ...]]:
    names = ds.features["labels"].feature.names
    return {ex["id"]: tuple(names[i] for i in ex["labels"]) for ex in ds}


def test_load_from_disk_round_trips_rows_and_label_features(exported: tuple[Path, Path]) -> None:
    run, out = exported
    dsd = load_from_disk(str(out / "arrow"))
    assert set(dsd) == {"train", "test"}
    feature = dsd["train"].features["labels"].feature
    assert isinstance(feature, ClassLabel) and feature.names == LABEL_NAMES
    got = {**as_names(dsd["train"]), **as_names(dsd["test"])}
    assert got == stored_rows(run)
    train_problems = set(dsd["train"]["problem_id"])
    test_problems = set(dsd["test"]["problem_id"])
    assert train_problems and test_problems and not train_problems & test_problems


def test_parquet_loads_with_load_dataset_and_via_the_card(
    exported: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = exported
    disk = load_from_disk(str(out / "arrow"))
    by_dir = load_dataset("parquet", data_dir=str(out / "data"), cache_dir=str(tmp_path / "c1"))
    # The card's `configs` is what the Hub reads: loading the folder must give the same.
    by_card = load_dataset(str(out), cache_dir=str(tmp_path / "c2"))
    for dsd in (by_dir, by_card):
        assert set(dsd) == {"train", "test"}
        for split in ("train", "test"):
            assert dsd[split].features == disk[split].features
            assert as_names(dsd[split]) == as_names(disk[split])
            assert dsd[split]["code"] == disk[split]["code"]


def test_rows_carry_lineage_evidence_metadata_and_no_compile(exported: tuple[Path, Path]) -> None:
    run, out = exported
    dsd = load_from_disk(str(out / "arrow"))
    rows = {ex["id"]: ex for split in dsd.values() for ex in split}
    with Store.open(run, create=False) as store:
        samples = {s.id: s for s in store.samples()}
        statements = {k: p.statement for k, p in store.problems().items()}
    nc_index = LABEL_NAMES.index(NO_COMPILE)
    for sid, ex in rows.items():
        s = samples[sid]
        assert ex["clean_code"] == samples[s.root_id].code
        assert ex["problem"] == statements[s.problem_id]
        assert ex["parent_id"] == s.parent_id and ex["model"] == s.model
        assert ex["compiles"] == (nc_index not in ex["labels"])
        assert ex["prompt_hashes"] == prompt_hashes(s, samples), sid
    # A variant two steps from its root, with the evidence of its last step.
    sid = next(i for i in at_depth(samples, 2) if i in rows)
    variant, v = rows[sid], samples[sid]
    said = check(
        Program(samples[v.parent_id].code), Program(v.code), v.principle
    )  # what the checker says
    assert variant["evidence_confirmed"] is True and variant["evidence_verdict"] == "confirmed"
    assert json.loads(variant["evidence_metrics"]) == said.metrics
    assert variant["evidence_reasons"] == said.reasons
    assert variant["generated_labels"] == [p.value for p in v.labels]
    broken = {i: ex for i, ex in rows.items() if not ex["compiles"]}
    assert set(broken) == {i for i, s in samples.items() if s.reason is Reason.COMPILE_FAILED}
    assert all("undeclared" in ex["compile_error"] for ex in broken.values())
    assert all(ex["labels"] == [nc_index] for ex in broken.values())
    # The LLM's variant that did not compile: the MC request it came from, and the fix.
    (llm,) = [ex for ex in broken.values() if ex["editor"] == "llm"]
    asked = [load_template(name).sha for name in ("declean_mc", "fix")]
    assert llm["prompt_hashes"] == asked and llm["generated_labels"] == ["MC"]


def at_depth(samples: dict[str, Sample], depth: int) -> list[str]:
    return sorted(
        i for i, s in samples.items() if s.kind == Kind.VARIANT and len(s.labels) == depth
    )


def prompt_hashes(s: Sample, samples: dict[str, Sample]) -> list[str]:
    """The templates behind `s`, root first: each step's request and the follow-ups sent."""
    line = [s]
    while line[-1].parent_id is not None:
        line.append(samples[line[-1].parent_id])
    return [h for x in reversed(line) for h in (x.prompt_hash, *x.followup_prompts) if h]


def test_card_figures_chat_and_manifest(exported: tuple[Path, Path]) -> None:
    run, out = exported
    text = (out / "README.md").read_text()
    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    assert meta["license"] == "apache-2.0"
    assert meta["configs"][0]["data_files"][0] == {"split": "train", "path": "data/train-*.parquet"}
    dsd = load_from_disk(str(out / "arrow"))
    sizes = {s["name"]: s["num_examples"] for s in meta["dataset_info"]["splits"]}
    assert sizes == {k: v.num_rows for k, v in dsd.items()}
    names = [f["name"] for f in meta["dataset_info"]["features"]]
    assert names == list(dsd["train"].features)
    assert "duplicate" in body and "compile_failed" in body and "figures/funnel.png" in body
    for png in ("labels.png", "funnel.png"):
        data = (out / "figures" / png).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    for split in ("train", "test"):
        lines = (out / "chat" / f"{split}.jsonl").read_text().splitlines()
        assert len(lines) == dsd[split].num_rows
        gold = as_names(dsd[split])
        for line in lines:
            item = json.loads(line)
            roles = [m["role"] for m in item["messages"]]
            assert roles == ["system", "user", "assistant"]
            parsed = detector.parse_answer(item["messages"][-1]["content"])
            assert parsed.labels == gold[item["id"]]
    manifest = json.loads((out / "export.json").read_text())
    assert manifest["sizes"] == {k: v.num_rows for k, v in dsd.items()}
    with Store.open(run, create=False) as store:
        duplicates = Counter(s.kind.value for s in store.samples() if s.reason is Reason.DUPLICATE)
    assert duplicates  # the root given twice
    for kind, n in duplicates.items():
        assert manifest["funnel"]["samples"][kind]["rejected"]["duplicate"] == n


def test_export_refuses_a_split_that_misses_new_problems(tmp_path: Path) -> None:
    run = small_run(tmp_path / "run")
    with Store.open(run, create=False) as store:
        rows = load_rows(store, Source.AUTO)
        save_split(store, Source.AUTO, balanced_split(rows), {"include_no_compile": True})
    extend(run, (Root("binary-search"),))  # the run made again, given one more problem
    with pytest.raises(DecleanError, match="declean split"):
        export(run, tmp_path / "out", Source.AUTO)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_push_to_hub_offline_fails_clearly_and_keeps_the_export(
    exported: tuple[Path, Path], tmp_path: Path
) -> None:
    run, _ = exported
    out = tmp_path / "pushed"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "HF_ENDPOINT": f"http://127.0.0.1:{closed_port()}",
        "HF_TOKEN": "hf_not_a_real_token",
        "HF_HUB_DOWNLOAD_TIMEOUT": "5",
        "HF_HUB_ETAG_TIMEOUT": "5",
    }
    res = declean("export", str(run), "--out", str(out), "--push-to-hub", "me/x", env=env)
    assert res.returncode == 1
    err = res.stderr.strip()
    assert "me/x" in err and "intact" in err and len(err.splitlines()) == 1
    dsd = load_from_disk(str(out / "arrow"))
    assert sum(ds.num_rows for ds in dsd.values()) == len(stored_rows(run))


def test_curated_export_carries_curators_labels_and_figures(tmp_path: Path) -> None:
    run = small_run(tmp_path / "run")
    with Store.open(run, create=False) as store:
        (mc, other_mc), (srp, rejected) = labelled(store, P.MC)[:2], labelled(store, P.SRP)[:2]
        kept = {
            labelled(store)[0]: [],
            mc: ["MC", "NAME"],  # a curator added NAME
            other_mc: ["MC"],
            srp: ["SRP"],
        }
        rows = [
            CurationDecision(
                sample_id=sid, decision="keep", labels=labels, code_sha=judged(store, sid)
            )
            for sid, labels in kept.items()
        ]
        sha = judged(store, rejected)
        rows.append(CurationDecision(sample_id=rejected, decision="reject", code_sha=sha))
        store.curation.save(rows, 0.0)
    res = declean("split", str(run), "--source", "curated", "--exclude-no-compile")
    assert res.returncode == 0, res.stderr
    out = tmp_path / "out"
    export(run, out, Source.CURATED)
    dsd = load_from_disk(str(out / "arrow"))
    got = {**as_names(dsd["train"]), **as_names(dsd["test"])}
    assert got == {sid: tuple(labels) for sid, labels in kept.items()}
    assert set(dsd["train"]["curation"]) | set(dsd["test"]["curation"]) == {"keep"}
    card = (out / "README.md").read_text()
    assert "| keep | 4 |" in card and "| reject | 1 |" in card
    assert "labels curators changed: 1" in card


def test_the_card_names_every_prompt_by_its_template_the_targeted_ones_too() -> None:
    from collections import Counter

    from generator.dataset.export import prompt_names
    from generator.prompts import load_template

    targeted, clean = load_template("targeted/declean_dry").sha, load_template("clean").sha
    named = prompt_names(Counter({targeted: 3, clean: 1, "0" * 12: 2}))
    assert {n["hash"]: (n["template"], n["samples"]) for n in named} == {
        targeted: ("targeted/declean_dry", 3),
        clean: ("clean", 1),
        "0" * 12: ("(changed since)", 2),
    }
