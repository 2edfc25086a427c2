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
from generator.records import Status
from generator.store import Store
from tests.curation.conftest import Server, record_ids
from tests.curation.runs import CLEAN, MC, MC_NAME, OTHER, accepted, counts, small_run
from tests.runs import Root, extend

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
    n = len(accepted(store))
    name_ = dataset_name()
    with argilla_server.api() as api:
        report = push(store, api, "declean", name_)
    assert report.created and report.sent == n and report.accepted == n

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
    v, stored = by_sample[MC_NAME], store.get_sample(MC_NAME)
    assert v["external_id"] == f"{MC_NAME}@{v['metadata']['code_sha']}"
    assert v["fields"]["code"].startswith("```c\n")
    assert v["fields"]["diff"].startswith("```diff\n")
    assert store.get_sample(MC).code in v["fields"]["parent_code"]  # the parent: the MC variant
    assert v["metadata"]["applied"] == ["MC", "NAME"]
    assert v["metadata"]["problem_id"] == stored.problem_id
    assert v["metadata"]["seed"] == stored.seed
    # Evidence figures compare with the clean root: MC and NAME both moved.
    assert v["metadata"]["ev_mc_unnamed_literals"] > 0
    assert v["metadata"]["ev_name_vague_names"] > 0
    assert [s["value"] for s in v["suggestions"]] == [["MC", "NAME"]]
    assert "parent_code" not in by_sample[CLEAN]["fields"]

    ann = make_annotator()
    ids = record_ids(argilla_server, report.dataset_id)
    ann.respond(ids[CLEAN], "submitted", {"decision": "keep"})
    ann.respond(ids[MC], "submitted", {"decision": "reject", "note": "too slight"})
    ann.respond(
        ids[MC_NAME],
        "submitted",
        {"decision": "keep", "principles": ["MC"], "note": "names are still fine"},
    )
    ann.respond(ids[OTHER], "discarded", None)

    with argilla_server.api() as api:
        result = pull(store, api)
    assert result.decisions == counts(keep=2, reject=2, pending=n - 4)  # the rest unanswered
    assert result.responses == {"submitted": 3, "discarded": 1}
    got = curation(store)
    assert got[CLEAN]["decision"] == "keep" and got[CLEAN]["labels"] == []
    assert got[MC]["decision"] == "reject"
    assert got[MC]["notes"] == [f"{ann.username}: too slight"]
    corrected = got[MC_NAME]
    assert (corrected["decision"], corrected["labels"]) == ("keep", ["MC"])
    assert corrected["responses"][0]["user"] == ann.username
    assert got[OTHER]["decision"] == "reject"
    assert got[OTHER]["responses"][0]["status"] == "discarded"
    # The curated set: what annotators kept, with the labels they confirmed.
    kept = {sid: row["labels"] for sid, row in got.items() if row["decision"] == "keep"}
    assert kept == {CLEAN: [], MC_NAME: ["MC"]}
    assert store.get_meta("curation.pulled")["rule"] == "majority"


def test_repush_is_idempotent_and_adds_only_new(tmp_path: Path, argilla_server: Server) -> None:
    run_dir = tmp_path / "run"
    store = small_run(run_dir)
    # As a run stopped before its dedup leaves a variant: no dedup cluster yet.
    unclustered = store.get_sample(MC_NAME)
    unclustered.dedup_cluster = None
    store.save_sample(unclustered)
    before = accepted(store)
    name_ = dataset_name()
    with argilla_server.api() as api:
        first = push(store, api, "declean", name_)
        second = push(store, api, "declean", name_)
        assert (second.created, second.sent, second.unchanged) == (False, 0, len(before))
        assert second.dataset_id == first.dataset_id
        # More generation: the run resumed with one more problem, whose samples are new;
        # its dedup gives the variant its cluster, so that sample changed.
        extend(run_dir, (Root("binary-search"),))
        assert store.get_sample(MC_NAME).dedup_cluster == MC_NAME
        new = set(accepted(store)) - set(before)
        assert new
        third = push(store, api, "declean", name_)
    assert (third.sent, third.unchanged) == (len(new) + 1, len(before) - 1)
    ids = record_ids(argilla_server, first.dataset_id)
    assert sorted(ids) == sorted(s.id for s in store.samples(status=Status.ACCEPTED))
    assert len(ids) == len(before) + len(new)


def test_several_annotators_agreement(
    tmp_path: Path, argilla_server: Server, make_annotator
) -> None:
    store = small_run(tmp_path)
    with argilla_server.api() as api:
        report = push(store, api, "declean", dataset_name(), min_submitted=3)
    ids = record_ids(argilla_server, report.dataset_id)
    a, b, c = make_annotator(), make_annotator(), make_annotator()
    mcn = ids[MC_NAME]
    a.respond(mcn, "submitted", {"decision": "keep", "principles": ["MC", "NAME"]})
    b.respond(mcn, "submitted", {"decision": "keep", "principles": ["MC"]})
    c.respond(mcn, "submitted", {"decision": "reject"})
    a.respond(ids[MC], "submitted", {"decision": "keep", "principles": ["MC"]})
    b.respond(ids[MC], "submitted", {"decision": "reject"})
    c.respond(ids[MC], "discarded", None)
    a.respond(ids[CLEAN], "draft", {"decision": "reject"})  # not a decision yet

    with argilla_server.api() as api:
        majority = pull(store, api)
        got = curation(store)
        # 2 keep, 1 reject; NAME ticked by one keeper of two: a tie, so a conflict.
        assert got[MC_NAME]["decision"] == "conflict"
        assert got[MC_NAME]["labels"] == ["MC"]
        assert got[MC]["decision"] == "conflict"  # 1 keep, 1 reject, 1 discard
        assert got[CLEAN]["decision"] == "pending"
        listed = dict(majority.listed)
        assert "decision: keep 1, reject 1" in listed[MC].disagreements
        assert "label NAME: 1 of 2 keepers" in listed[MC_NAME].disagreements

        d = make_annotator()
        d.respond(mcn, "submitted", {"decision": "keep", "principles": ["MC", "NAME"]})
        pull(store, api)
        assert curation(store)[MC_NAME]["labels"] == ["MC", "NAME"]
        assert curation(store)[MC_NAME]["decision"] == "keep"
        pull(store, api, rule=Rule.UNANIMOUS)
        assert curation(store)[MC_NAME]["decision"] == "conflict"
        pull(store, api, min_votes=5)
        assert curation(store)[MC_NAME]["decision"] == "pending"


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
    with small_run(tmp_path) as store:
        n = len(accepted(store))
    env = {"ARGILLA_API_URL": argilla_server.url, "ARGILLA_API_KEY": argilla_server.key}
    name_ = dataset_name()
    r = cli("push", str(tmp_path), "--dataset", name_, env=env)
    assert r.returncode == 0, r.stderr
    assert f"{n} records sent, 0 unchanged" in r.stdout and "created" in r.stdout
    r = cli("push", str(tmp_path), "--dataset", name_, env=env)
    assert f"0 records sent, {n} unchanged" in r.stdout
    r = cli("pull", str(tmp_path), env=env)
    assert r.returncode == 0, r.stderr
    assert f"{n} records from {name_!r} (majority): pending {n}" in r.stdout
    assert argilla_server.key not in r.stdout + r.stderr


def test_server_gone_mid_push_then_second_push_completes(
    tmp_path: Path, argilla_server: Server
) -> None:
    store = small_run(tmp_path)
    n = len(accepted(store))
    name_ = dataset_name()
    samples_before = store.execute("SELECT * FROM samples ORDER BY id")

    def kill_after_two(sent: int) -> None:
        if sent == 2:
            assert argilla_server.ws.stop("server")

    try:
        with argilla_server.api() as api, pytest.raises(Exception) as err:
            push(store, api, "declean", name_, batch_size=1, on_batch=kill_after_two)
        assert "unreachable" in str(err.value)
        assert f"Push stopped after 2 of {n} records" in str(err.value)
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
    assert (again.created, again.sent, again.unchanged) == (False, n - 2, 2)
    ids = record_ids(argilla_server, again.dataset_id)
    assert sorted(ids) == sorted(s.id for s in store.samples(status=Status.ACCEPTED))
    assert store.execute("SELECT * FROM samples ORDER BY id") == samples_before
