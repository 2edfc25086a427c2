"""Feedback from the demo through the real Argilla server and back, into an export's `real`
split that `datasets` loads, and `declean eval --split real` on it."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from generator.store import Store
from tests.curation.conftest import Server, all_records
from tests.demo.programs import BROKEN, MAGIC, VECTOR_OPS
from tests.demo.runs import example_run
from tests.demo.server import client, serve
from tests.fake_openai import FakeOpenAI

pytestmark = [pytest.mark.argilla, pytest.mark.slow]
DECLEAN = str(Path(sys.executable).parent / "declean")


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("ARGILLA_")}
    full.update(env)
    return subprocess.run([DECLEAN, *args], capture_output=True, text=True, env=full, timeout=300)


def labels_for(body: dict) -> str:
    return json.dumps(
        {"labels": ["MC", "NAME"] if "365" in body["messages"][-1]["content"] else []}
    )


def give_feedback(http: httpx.Client, code: str, labels: list[str], comment: str = "") -> str:
    a = http.post("/api/check", json={"code": code}).json()
    r = http.post("/api/feedback", json={"id": a["id"], "labels": labels, "comment": comment})
    assert r.json() == {"ok": True}
    return a["id"]


def test_feedback_to_argilla_and_back_into_a_real_split(
    tmp_path: Path, argilla_server: Server, make_annotator
) -> None:
    run = example_run(tmp_path / "run")
    with Store.open(run, create=False) as store:
        synthetic_code = store.samples()[0].code  # what a page example would hold
    demo_dir = tmp_path / "demo"
    with (
        FakeOpenAI(labels_for) as fake,
        serve(demo_dir, fake.base_url) as url,
        client(url) as http,
    ):
        give_feedback(http, MAGIC, ["MC"], "a and b say nothing? no, they are fine")
        give_feedback(http, BROKEN, ["NO_COMPILE"])
        give_feedback(http, VECTOR_OPS, [])
        give_feedback(http, synthetic_code, ["DRY"])  # a student checking a page example
    env = {"ARGILLA_API_URL": argilla_server.url, "ARGILLA_API_KEY": argilla_server.key}
    name = "feedback-" + secrets.token_hex(4)

    pushed = cli("push", "--feedback", str(demo_dir), "--dataset", name, env=env)
    assert pushed.returncode == 0, pushed.stderr
    assert "4 records sent, 0 unchanged" in pushed.stdout
    again = cli("push", "--feedback", str(demo_dir), "--dataset", name, env=env)
    assert "0 records sent, 4 unchanged" in again.stdout, again.stdout + again.stderr

    # Curators see the code, the detector's answer and the person's, both as suggestions.
    with argilla_server.owner() as owner:
        ds = next(d for d in owner.get("/api/v1/me/datasets").json()["items"] if d["name"] == name)
        recs = owner.get(
            f"/api/v1/datasets/{ds['id']}/records", params={"include": "suggestions", "limit": 50}
        ).json()["items"]
        qs = {
            q["id"]: q["name"]
            for q in owner.get(f"/api/v1/datasets/{ds['id']}/questions").json()["items"]
        }
    by_ext = {r["external_id"]: r for r in recs}
    magic = by_ext["feedback-1"]
    assert "365" in magic["fields"]["code"] and magic["fields"]["code"].startswith("```c\n")
    assert "**MC**: unnamed values in the code: 24, 365" in magic["fields"]["detector"]
    assert "they are fine" in magic["fields"]["user"]
    suggested = {qs[s["question_id"]]: (s["value"], s["agent"]) for s in magic["suggestions"]}
    assert suggested == {
        "principles": (["MC"], "demo-user"),
        "detector": (["MC", "NAME"], "demo-detector"),
    }
    assert magic["metadata"]["detector_labels"] == ["MC", "NAME"]

    ann = make_annotator()
    # Feedback records keep their external id (no code hash: a feedback row never changes).
    ids = {r["external_id"]: r["id"] for r in all_records(argilla_server, ds["id"])}
    ann.respond(ids["feedback-1"], "submitted", {"decision": "keep", "principles": ["MC", "NAME"]})
    ann.respond(ids["feedback-2"], "submitted", {"decision": "keep"})
    ann.respond(ids["feedback-3"], "submitted", {"decision": "reject", "note": "a reference"})
    ann.respond(ids["feedback-4"], "submitted", {"decision": "keep", "principles": ["DRY"]})

    pulled = cli("pull", "--feedback", str(demo_dir), env=env)
    assert pulled.returncode == 0, pulled.stderr
    assert "4 records" in pulled.stdout and "keep 3, reject 1" in pulled.stdout

    out = tmp_path / "export"
    exported = cli("export", str(run), "--out", str(out), "--feedback", str(demo_dir), env={})
    assert exported.returncode == 0, exported.stderr
    assert "real 2 (people's code)" in exported.stdout

    from datasets import load_dataset, load_from_disk

    ds_hub = load_dataset(str(out))  # as the Hub would: README configs
    assert set(ds_hub) == {"train", "test", "real"}
    names = ds_hub["real"].features["labels"].feature.names
    real = {r["id"]: [names[i] for i in r["labels"]] for r in ds_hub["real"]}
    assert real == {"real/feedback-1": ["MC", "NAME"], "real/feedback-2": ["NO_COMPILE"]}
    synthetic = {r["code"] for s in ("train", "test") for r in ds_hub[s]}
    assert MAGIC not in synthetic and BROKEN not in synthetic  # never mixed in
    assert load_from_disk(str(out / "arrow"))["real"].num_rows == 2
    card = (out / "README.md").read_text()
    assert "## The `real` split: people's own code" in card and "kept 3" in card
    manifest = json.loads((out / "export.json").read_text())
    assert manifest["real"]["left_out_as_synthetic"] == 1

    with FakeOpenAI(labels_for) as fake:
        scored = cli(
            "eval", str(out), "--split", "real", "--base-url", fake.base_url, "--model", "fake",
            env={},
        )  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    report = json.loads((out / "eval" / "real-fake.json").read_text())
    # The compile failure's principles are unknown: it is left out of the scoring.
    assert report["split"] == "real" and report["n"] == 1
    assert report["left_out_no_compile"] == 1
