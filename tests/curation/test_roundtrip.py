"""Push, annotate over the REST API the web UI uses, pull: against a real argilla-server."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.curation.agreement import Rule
from generator.curation.pull import pull
from generator.curation.push import push
from generator.principles import Principle
from generator.records import Status
from generator.store import Store
from tests.curation.conftest import Server, record_ids
from tests.curation.runs import CLEAN_SUM, mc, small_run, variant

pytestmark = [pytest.mark.argilla, pytest.mark.slow]
DECLEAN = str(Path(sys.executable).parent / "declean")


def dataset_name() -> str:
    return "test-" + secrets.token_hex(4)


def curation(store: Store) -> dict[str, dict[str, Any]]:
    rows = store.execute("SELECT sample_id, decision, labels, notes, responses FROM curation")
    return {
        r[0]: {
            "decision": r[1],
            "labels": json.loads(r[2]),
            "notes": json.loads(r[3]),
            "responses": json.loads(r[4]),
        }
        for r in rows
    }


def test_push_annotate_pull(tmp_path: Path, argilla_server: Server, make_annotator) -> None:
    store = small_run(tmp_path)
    name_ = dataset_name()
    with argilla_server.api() as api:
        report = push(store, api, "declean", name_)
    assert report.created and report.sent == 4 and report.accepted == 4

    # What curators get: fields, questions, suggestions and metadata.
    with argilla_server.owner() as owner:
        ds = report.dataset_id
        guidelines = owner.get(f"/api/v1/datasets/{ds}").json()["guidelines"]
        assert "Curating declean samples" in guidelines
        qs = {q["name"]: q for q in owner.get(f"/api/v1/datasets/{ds}/questions").json()["items"]}
        assert qs["decision"]["required"] and not qs["principles"]["required"]
        recs = owner.get(
            f"/api/v1/datasets/{ds}/records", params={"include": "suggestions", "limit": 100}
        ).json()["items"]
    by_sample = {r["metadata"]["sample_id"]: r for r in recs}
    v = by_sample["sum-list/c0+MC+NAME"]
    assert v["external_id"] == f"sum-list/c0+MC+NAME@{v['metadata']['code_sha']}"
    assert v["fields"]["code"].startswith("```c\n")
    assert v["fields"]["diff"].startswith("```diff\n")
    assert "int values[100];" in v["fields"]["parent_code"]  # the parent is the MC variant
    assert v["metadata"]["applied"] == ["MC", "NAME"]
    assert v["metadata"]["problem_id"] == "sum-list" and v["metadata"]["seed"] == 0
    # Evidence figures compare with the clean root: MC and NAME both moved.
    assert v["metadata"]["ev_mc_unnamed_literals"] > 0
    assert v["metadata"]["ev_name_vague_names"] > 0
    assert [s["value"] for s in v["suggestions"]] == [["MC", "NAME"]]
    assert "parent_code" not in by_sample["sum-list/c0"]["fields"]

    ann = make_annotator()
    ids = record_ids(argilla_server, report.dataset_id)
    ann.respond(ids["sum-list/c0"], "submitted", {"decision": "keep"})
    ann.respond(ids["sum-list/c0+MC"], "submitted", {"decision": "reject", "note": "too slight"})
    ann.respond(
        ids["sum-list/c0+MC+NAME"],
        "submitted",
        {"decision": "keep", "principles": ["MC"], "note": "names are still fine"},
    )
    ann.respond(ids["max-list/c0"], "discarded", None)

    with argilla_server.api() as api:
        result = pull(store, api)
    assert result.decisions == {"keep": 2, "reject": 2}
    assert result.responses == {"submitted": 3, "discarded": 1}
    got = curation(store)
    assert got["sum-list/c0"]["decision"] == "keep" and got["sum-list/c0"]["labels"] == []
    assert got["sum-list/c0+MC"]["decision"] == "reject"
    assert got["sum-list/c0+MC"]["notes"] == [f"{ann.username}: too slight"]
    corrected = got["sum-list/c0+MC+NAME"]
    assert (corrected["decision"], corrected["labels"]) == ("keep", ["MC"])
    assert corrected["responses"][0]["user"] == ann.username
    assert got["max-list/c0"]["decision"] == "reject"
    assert got["max-list/c0"]["responses"][0]["status"] == "discarded"
    # The curated set: what annotators kept, with the labels they confirmed.
    kept = {sid: row["labels"] for sid, row in got.items() if row["decision"] == "keep"}
    assert kept == {"sum-list/c0": [], "sum-list/c0+MC+NAME": ["MC"]}
    assert store.get_meta("curation.pulled")["rule"] == "majority"


def test_repush_is_idempotent_and_adds_only_new(tmp_path: Path, argilla_server: Server) -> None:
    store = small_run(tmp_path)
    name_ = dataset_name()
    with argilla_server.api() as api:
        first = push(store, api, "declean", name_)
        second = push(store, api, "declean", name_)
        assert (second.created, second.sent, second.unchanged) == (False, 0, 4)
        assert second.dataset_id == first.dataset_id
        # More generation: one new variant; one sample changed (a dedup cluster assigned).
        parent = store.get_sample("sum-list/c0+MC")
        store.save_sample(variant(parent, Principle.SRP, mc(CLEAN_SUM) + "\n"))
        changed = store.get_sample("max-list/c0")
        changed.dedup_cluster = "max-list/c0"
        store.save_sample(changed)
        third = push(store, api, "declean", name_)
    assert (third.sent, third.unchanged) == (2, 3)
    ids = record_ids(argilla_server, first.dataset_id)
    assert sorted(ids) == sorted(s.id for s in store.samples(status=Status.ACCEPTED))
    assert len(ids) == 5


def test_several_annotators_agreement(
    tmp_path: Path, argilla_server: Server, make_annotator
) -> None:
    store = small_run(tmp_path)
    with argilla_server.api() as api:
        report = push(store, api, "declean", dataset_name(), min_submitted=3)
    ids = record_ids(argilla_server, report.dataset_id)
    a, b, c = make_annotator(), make_annotator(), make_annotator()
    mcn = ids["sum-list/c0+MC+NAME"]
    a.respond(mcn, "submitted", {"decision": "keep", "principles": ["MC", "NAME"]})
    b.respond(mcn, "submitted", {"decision": "keep", "principles": ["MC"]})
    c.respond(mcn, "submitted", {"decision": "reject"})
    a.respond(ids["sum-list/c0+MC"], "submitted", {"decision": "keep", "principles": ["MC"]})
    b.respond(ids["sum-list/c0+MC"], "submitted", {"decision": "reject"})
    c.respond(ids["sum-list/c0+MC"], "discarded", None)
    a.respond(ids["sum-list/c0"], "draft", {"decision": "reject"})  # not a decision yet

    with argilla_server.api() as api:
        majority = pull(store, api)
        got = curation(store)
        # 2 keep, 1 reject; NAME ticked by one keeper of two: a tie, so a conflict.
        assert got["sum-list/c0+MC+NAME"]["decision"] == "conflict"
        assert got["sum-list/c0+MC+NAME"]["labels"] == ["MC"]
        assert got["sum-list/c0+MC"]["decision"] == "conflict"  # 1 keep, 1 reject, 1 discard
        assert got["sum-list/c0"]["decision"] == "pending"
        listed = dict(majority.listed)
        assert "decision: keep 1, reject 1" in listed["sum-list/c0+MC"].disagreements
        assert "label NAME: 1 of 2 keepers" in listed["sum-list/c0+MC+NAME"].disagreements

        d = make_annotator()
        d.respond(mcn, "submitted", {"decision": "keep", "principles": ["MC", "NAME"]})
        pull(store, api)
        assert curation(store)["sum-list/c0+MC+NAME"]["labels"] == ["MC", "NAME"]
        assert curation(store)["sum-list/c0+MC+NAME"]["decision"] == "keep"
        pull(store, api, rule=Rule.UNANIMOUS)
        assert curation(store)["sum-list/c0+MC+NAME"]["decision"] == "conflict"
        pull(store, api, min_votes=5)
        assert curation(store)["sum-list/c0+MC+NAME"]["decision"] == "pending"


def snapshot(run: Path) -> list[Any]:
    with Store.open(run, create=False) as store:
        tables = ("samples", "curation", "meta", "sqlite_master")
        return [store.execute(f"SELECT * FROM {t} ORDER BY 1") for t in tables]


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("ARGILLA_")}
    full.update(env or {})
    return subprocess.run([DECLEAN, *args], capture_output=True, text=True, env=full, timeout=120)


def test_cli_errors_leave_the_store_untouched(tmp_path: Path, argilla_server: Server) -> None:
    from generator.curation.server import free_port

    small_run(tmp_path).close()
    before = snapshot(tmp_path)
    good = {"ARGILLA_API_URL": argilla_server.url, "ARGILLA_API_KEY": argilla_server.key}
    cases = [
        ({"ARGILLA_API_URL": f"http://127.0.0.1:{free_port()}", "ARGILLA_API_KEY": "x" * 12},
         [], "unreachable"),
        ({"ARGILLA_API_URL": argilla_server.url, "ARGILLA_API_KEY": "wrong-key-123"},
         [], "rejected the API key"),
        (good, ["--workspace", "nope"], "workspace 'nope' does not exist"),
        ({"ARGILLA_API_URL": argilla_server.url}, [], "ARGILLA_API_KEY"),
    ]  # fmt: skip
    for env, extra, message in cases:
        for command in ("push", "pull"):
            r = cli(command, str(tmp_path), *extra, env=env)
            assert r.returncode == 1, (command, r.stdout, r.stderr)
            assert message in r.stderr, (command, r.stderr)
            assert len(r.stderr.strip().splitlines()) == 1, r.stderr
            assert argilla_server.key not in r.stderr + r.stdout
    assert snapshot(tmp_path) == before
    r = cli("pull", str(tmp_path), "--dataset", "never-pushed", env=good)
    assert r.returncode == 1 and "not found in workspace" in r.stderr
    assert snapshot(tmp_path) == before


def test_cli_push_and_pull(tmp_path: Path, argilla_server: Server) -> None:
    small_run(tmp_path).close()
    env = {"ARGILLA_API_URL": argilla_server.url, "ARGILLA_API_KEY": argilla_server.key}
    name_ = dataset_name()
    r = cli("push", str(tmp_path), "--dataset", name_, env=env)
    assert r.returncode == 0, r.stderr
    assert "4 records sent, 0 unchanged" in r.stdout and "created" in r.stdout
    r = cli("push", str(tmp_path), "--dataset", name_, env=env)
    assert "0 records sent, 4 unchanged" in r.stdout
    r = cli("pull", str(tmp_path), env=env)
    assert r.returncode == 0, r.stderr
    assert f"4 records from {name_!r} (majority): pending 4" in r.stdout
    assert argilla_server.key not in r.stdout + r.stderr


def test_server_gone_mid_push_then_second_push_completes(
    tmp_path: Path, argilla_server: Server
) -> None:
    store = small_run(tmp_path)
    name_ = dataset_name()
    samples_before = store.execute("SELECT * FROM samples ORDER BY id")

    def kill_after_two(sent: int) -> None:
        if sent == 2:
            assert argilla_server.ws.stop("server")

    try:
        with argilla_server.api() as api, pytest.raises(Exception) as err:
            push(store, api, "declean", name_, batch_size=1, on_batch=kill_after_two)
        assert "unreachable" in str(err.value)
        assert "Push stopped after 2 of 4 records" in str(err.value)
        pushed = store.execute("SELECT sample_id FROM curation_pushed")
        assert len(pushed) == 2
        assert store.execute("SELECT * FROM samples ORDER BY id") == samples_before
    finally:
        # `workspace up` on a live workspace starts only what is missing: here the server.
        r = cli("workspace", "up", "--dir", str(argilla_server.ws.dir))
        assert r.returncode == 0, r.stderr
        assert f"api key:   {argilla_server.key}" in r.stdout
    with argilla_server.api() as api:
        again = push(store, api, "declean", name_)
    assert (again.created, again.sent, again.unchanged) == (False, 2, 2)
    ids = record_ids(argilla_server, again.dataset_id)
    assert sorted(ids) == sorted(s.id for s in store.samples(status=Status.ACCEPTED))
    assert store.execute("SELECT * FROM samples ORDER BY id") == samples_before
