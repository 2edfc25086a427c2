"""An answer always belongs to the code it judged: against a real argilla-server.

Runs, datasets, code changed under answered records, interrupted pushes, a server restart
between push and pull, and drafts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.curation.client import ArgillaError
from generator.curation.pull import pull
from generator.curation.push import RUN_KEY, DatasetOwnedError, push
from generator.curation.state import code_sha, current_curation
from generator.dataset.rows import Source, load_rows
from generator.records import Reason, Status
from generator.store import Store
from tests.curation.conftest import Server, all_records, record_ids
from tests.curation.runs import CLEAN, MC, MC_NAME, OTHER, accepted, small_run, touched

pytestmark = [pytest.mark.argilla, pytest.mark.slow]
DECLEAN = str(Path(sys.executable).parent / "declean")
SUM, SUM_MC, SUM_MC_NAME, MAX = CLEAN, MC, MC_NAME, OTHER


def cli(*args: str, server: Server) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGILLA_")}
    env.update(ARGILLA_API_URL=server.url, ARGILLA_API_KEY=server.key)
    return subprocess.run([DECLEAN, *args], capture_output=True, text=True, env=env, timeout=120)


def regenerate(store: Store, sid: str, code: str) -> None:
    """What a rerun with another prompt does: same sample id, other code."""
    s = store.get_sample(sid)
    assert s is not None
    s.code = code
    store.save_sample(s)


def dataset_meta(server: Server, dsid: str) -> dict[str, Any]:
    with server.owner() as owner:
        return dict(owner.get(f"/api/v1/datasets/{dsid}").json()["metadata"] or {})


def test_each_run_gets_its_own_dataset_and_remembers_it(
    tmp_path: Path, argilla_server: Server
) -> None:
    a, b = small_run(tmp_path / "a" / "run"), small_run(tmp_path / "b" / "run")
    with argilla_server.api() as api:
        ra, rb = push(a, api, "declean"), push(b, api, "declean")
    assert ra.dataset != rb.dataset and ra.dataset_id != rb.dataset_id
    assert ra.dataset == f"declean-run-{a.run_id()[:8]}"
    assert a.run_id() and a.run_id() != b.run_id()
    assert dataset_meta(argilla_server, ra.dataset_id)[RUN_KEY] == a.run_id()
    assert dataset_meta(argilla_server, rb.dataset_id)[RUN_KEY] == b.run_id()
    with argilla_server.api() as api:
        again = push(a, api, "declean")
    assert (again.dataset_id, again.sent, again.unchanged) == (ra.dataset_id, 0, len(accepted(a)))


def test_another_run_is_refused_unless_named_or_merged(
    tmp_path: Path, argilla_server: Server
) -> None:
    a, b = small_run(tmp_path / "a" / "run"), small_run(tmp_path / "b" / "run")
    regenerate(b, SUM_MC, "/* b's own MC variant */\n" + a.get_sample(SUM_MC).code)
    with argilla_server.api() as api:
        ra = push(a, api, "declean")
    # b remembers a's dataset, as a declean that named datasets after the directory did.
    b.set_meta("curation.dataset", {"name": ra.dataset, "workspace": "declean"})
    before = b.execute("SELECT key, value FROM meta ORDER BY key")
    with argilla_server.api() as api, pytest.raises(DatasetOwnedError) as err:
        push(b, api, "declean")
    assert f"dataset {ra.dataset!r} belongs to another run (run id {a.run_id()}" in str(err.value)
    assert "--merge" in str(err.value) and f"--dataset {ra.dataset}" in str(err.value)
    assert b.execute("SELECT key, value FROM meta ORDER BY key") == before  # nothing written
    assert len(all_records(argilla_server, ra.dataset_id)) == len(accepted(a))

    r = cli("push", str(b.path.parent), server=argilla_server)
    assert r.returncode == 1 and "belongs to another run" in r.stderr, r.stderr
    r = cli("push", str(b.path.parent), "--merge", server=argilla_server)
    assert r.returncode == 0, r.stderr
    assert f"belongs to run {a.run_id()}; merging into it" in r.stdout
    # Identical code shares its record; b's other MC variant is a record of its own.
    assert f"{len(accepted(b))} records sent, 0 unchanged" in r.stdout  # b never pushed to it
    recs = all_records(argilla_server, ra.dataset_id)
    assert sorted(x["metadata"]["sample_id"] for x in recs) == sorted([*accepted(b), SUM_MC])
    assert dataset_meta(argilla_server, ra.dataset_id)[RUN_KEY] == a.run_id()
    with argilla_server.api() as api:
        named = push(b, api, "declean", dataset=ra.dataset)  # naming it is consent too
    assert named.merged_into == a.run_id() and named.sent == 0


def test_code_changed_under_an_answered_record_is_stale_never_applied(
    tmp_path: Path, argilla_server: Server, make_annotator
) -> None:
    store = small_run(tmp_path / "run")
    n = len(accepted(store))
    with argilla_server.api() as api:
        first = push(store, api, "declean")
    ann = make_annotator()
    ids = record_ids(argilla_server, first.dataset_id)
    ann.respond(ids[SUM_MC], "submitted", {"decision": "keep", "principles": ["MC"]})
    ann.respond(ids[MAX], "submitted", {"decision": "keep"})
    ann.respond(ids[SUM], "draft", {"decision": "reject"})
    with argilla_server.api() as api:
        pull(store, api)
    assert current_curation(store)[SUM_MC].decision == "keep"

    # Regenerated in place, e.g. after a prompt change: same ids, other code for two samples.
    regenerate(store, SUM_MC, "/* regenerated */\n" + store.get_sample(SUM_MC).code)
    regenerate(store, SUM, "/* regenerated */\n" + store.get_sample(SUM).code)
    # Before any push or pull, the stored keep no longer describes the code: not exported.
    assert current_curation(store)[SUM_MC].decision == "stale"
    curated = {r.id for r in load_rows(store, Source.CURATED, include_no_compile=False)}
    assert curated == {MAX}
    status = cli("status", str(store.path.parent), "--json", server=argilla_server)
    # Kept MAX, SUM_MC stale; every other record pending, SUM with only a draft among them.
    decisions = {"keep": 1, "pending": n - 2, "stale": 1}
    assert json.loads(status.stdout)["curation"]["decisions"] == decisions

    with argilla_server.api() as api:
        early = pull(store, api)  # the server still has only the old records
    rows = {r.sample: r for r in early.samples}
    assert rows[SUM_MC].decision == "stale" and rows[SUM_MC].stale == 1
    assert rows[SUM].decision == "pending" and rows[SUM].stale == 1  # only a draft
    assert rows[SUM].votes == {
        "keep": 0,
        "reject": 0,
        "discard": 0,
    }
    assert rows[MAX].decision == "keep"
    assert {s.sample for s in early.stale} == {SUM_MC, SUM}

    with argilla_server.api() as api:
        second = push(store, api, "declean")
    # Sent: the two new codes, and what descends from them (diff, evidence changed).
    sent = len(touched(store, SUM_MC, SUM))
    assert (second.sent, second.stale_kept, second.stale_deleted) == (sent, 2, 0)
    recs = all_records(argilla_server, first.dataset_id)
    old = [x for x in recs if x["metadata"]["state"] == "stale"]
    assert sorted(x["metadata"]["sample_id"] for x in old) == [SUM, SUM_MC]
    for x in old:
        assert x["fields"]["sample"].startswith("**STALE")
        assert x["responses"], "answers on the old code are kept, for the record"
        assert "regenerated" not in x["fields"]["code"]  # the code they judged, unchanged
    new = record_ids(argilla_server, first.dataset_id)
    assert len(new) == n and new[SUM_MC] != ids[SUM_MC] and new[MAX] == ids[MAX]

    with argilla_server.api() as api:
        after = pull(store, api)
    rows = {r.sample: r for r in after.samples}
    assert rows[SUM_MC].decision == "stale" and rows[SUM_MC].stale == 1
    assert after.decisions == decisions
    assert after.responses == {"submitted": 1}  # only the answer on current code

    # Judged again on the new code: that answer counts, the old one still does not.
    ann.respond(new[SUM_MC], "submitted", {"decision": "reject"})
    with argilla_server.api() as api:
        final = pull(store, api)
    rows = {r.sample: r for r in final.samples}
    assert (rows[SUM_MC].decision, rows[SUM_MC].stale) == ("reject", 1)
    assert rows[SUM_MC].votes == {"keep": 0, "reject": 1, "discard": 0}
    row = store.execute("SELECT decision, code_sha FROM curation WHERE sample_id = ?", (SUM_MC,))
    assert tuple(row[0]) == ("reject", code_sha(store.get_sample(SUM_MC).code))
    # A third push sends nothing and moves nothing: the stale records stay as they are.
    with argilla_server.api() as api:
        third = push(store, api, "declean")
    assert (third.sent, third.stale_kept, third.stale_deleted) == (0, 0, 0)


def test_unanswered_old_record_is_removed_not_left_to_annotate(
    tmp_path: Path, argilla_server: Server
) -> None:
    store = small_run(tmp_path / "run")
    with argilla_server.api() as api:
        first = push(store, api, "declean")
        regenerate(store, MAX, "/* regenerated */\n" + store.get_sample(MAX).code)
        second = push(store, api, "declean")
    sent = len(touched(store, MAX))  # its record, and its heirs' (their diff changed)
    assert (second.sent, second.stale_kept, second.stale_deleted) == (sent, 0, 1)
    recs = all_records(argilla_server, first.dataset_id)
    assert len(recs) == len(accepted(store))
    assert all(x["metadata"]["state"] == "current" for x in recs)
    # Regenerated into a rejection: nothing to send, and the old record still goes.
    s = store.get_sample(SUM_MC_NAME)
    s.code = "/* broken */"
    s.reject(Reason.COMPILE_FAILED)
    store.save_sample(s)
    with argilla_server.api() as api:
        third = push(store, api, "declean")
    assert (third.sent, third.stale_deleted) == (0, 1)
    assert SUM_MC_NAME not in record_ids(argilla_server, first.dataset_id)


def test_interrupted_push_then_repush_loses_and_doubles_nothing(
    tmp_path: Path, argilla_server: Server, make_annotator
) -> None:
    store = small_run(tmp_path / "run")
    with argilla_server.api() as api:
        first = push(store, api, "declean")
    ann = make_annotator()
    ids = record_ids(argilla_server, first.dataset_id)
    ann.respond(ids[SUM], "submitted", {"decision": "keep"})
    ann.respond(ids[MAX], "submitted", {"decision": "reject", "note": "too plain"})
    ann.respond(ids[SUM_MC_NAME], "draft", {"decision": "keep"})
    for sid in (SUM_MC, SUM_MC_NAME, MAX):  # three changed samples, batches of one
        regenerate(store, sid, "/* v2 */\n" + store.get_sample(sid).code)
    changed = touched(store, SUM_MC, SUM_MC_NAME, MAX)

    class Crash(Exception):
        pass

    def crash_after_one(sent: int) -> None:
        # The process dies after the server took a batch and before the store recorded it.
        store.execute("DELETE FROM curation_pushed WHERE sample_id = ?", (changed[0],))
        raise Crash

    with argilla_server.api() as api, pytest.raises(Crash):
        push(store, api, "declean", batch_size=1, on_batch=crash_after_one)
    with argilla_server.api() as api:
        again = push(store, api, "declean")
    # The batch the store did not record is sent again, an upsert, with the rest.
    assert again.sent == len(changed)
    recs = all_records(argilla_server, first.dataset_id)
    current = record_ids(argilla_server, first.dataset_id)
    assert sorted(current) == sorted(s.id for s in store.samples(status=Status.ACCEPTED))
    by_sha = [(x["metadata"]["sample_id"], x["metadata"]["code_sha"]) for x in recs]
    assert len(by_sha) == len(set(by_sha)), "a record doubled"
    answered = {x["metadata"]["sample_id"]: x["responses"] for x in recs if x["responses"]}
    assert sorted(answered) == sorted([SUM, SUM_MC_NAME, MAX])  # every answer still there
    assert answered[SUM_MC_NAME][0]["status"] == "draft"
    with argilla_server.api() as api:
        result = pull(store, api)
    rows = {r.sample: r for r in result.samples}
    assert rows[SUM].decision == "keep"
    assert rows[MAX].decision == "stale" and rows[MAX].stale == 1  # its code changed
    assert (rows[SUM_MC_NAME].decision, rows[SUM_MC_NAME].stale) == ("pending", 1)  # a draft


def test_server_restart_between_push_and_pull(
    tmp_path: Path, argilla_server: Server, make_annotator
) -> None:
    store = small_run(tmp_path / "run")
    with argilla_server.api() as api:
        first = push(store, api, "declean")
    ann = make_annotator()
    ids = record_ids(argilla_server, first.dataset_id)
    ann.respond(ids[SUM], "submitted", {"decision": "keep"})
    ann.respond(ids[SUM_MC], "discarded", None)
    draft = ann.respond(ids[MAX], "draft", {"decision": "reject", "note": "half way"})
    with argilla_server.api() as api:
        before = pull(store, api).as_json()

    stopped = argilla_server.ws.down()  # worker, server and the search engine
    assert set(stopped) == {"noida", "server", "worker"}
    with argilla_server.api() as api, pytest.raises(ArgillaError, match="unreachable"):
        pull(store, api)
    argilla_server.ws.up()

    with argilla_server.api() as api:
        after = pull(store, api).as_json()
        repush = push(store, api, "declean")
    assert after == before
    unanswered = len(accepted(store)) - 3  # pending too, beside MAX's draft
    assert after["decisions"] == {"keep": 1, "pending": 1 + unanswered, "reject": 1}
    assert after["responses"] == {"discarded": 1, "draft": 1, "submitted": 1}
    assert (repush.sent, repush.unchanged) == (0, len(accepted(store)))
    # The draft survived the restart and becomes one decision when submitted, not two.
    ann.update(draft, "submitted", {"decision": "reject", "note": "done"})
    with argilla_server.api() as api:
        done = pull(store, api)
    rows = {r.sample: r for r in done.samples}
    assert rows[MAX].votes == {"keep": 0, "reject": 1, "discard": 0} and rows[MAX].drafts == 0
