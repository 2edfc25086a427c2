"""The curator's view, read over the REST API the web UI uses, and `pull`'s table and JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from generator.curation.push import push
from generator.records import Status
from tests.curation.conftest import Server, record_ids
from tests.curation.runs import CLEAN, MC, MC_NAME, OTHER, accepted, counts, small_run

pytestmark = [pytest.mark.argilla, pytest.mark.slow]
DECLEAN = str(Path(sys.executable).parent / "declean")


def cli(*args: str, server: Server) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGILLA_")}
    env.update(ARGILLA_API_URL=server.url, ARGILLA_API_KEY=server.key)
    return subprocess.run([DECLEAN, *args], capture_output=True, text=True, env=env, timeout=120)


def test_record_layout_as_the_ui_reads_it(
    tmp_path: Path, argilla_server: Server, make_annotator
) -> None:
    store = small_run(tmp_path / "run")
    with argilla_server.api() as api:
        report = push(store, api, "declean")
    ds = report.dataset_id
    ann = make_annotator()
    http = ann.http
    fields = http.get(f"/api/v1/datasets/{ds}/fields").json()["items"]
    # Evidence and diff first, the parent's whole program last.
    assert [f["name"] for f in fields] == [
        "sample", "evidence", "diff", "code", "statement", "parent_code",
    ]  # fmt: skip
    questions = {q["name"]: q for q in http.get(f"/api/v1/datasets/{ds}/questions").json()["items"]}
    principles = questions["principles"]
    # The legend on the chips the curator ticks (option descriptions are not displayed).
    options = {o["value"]: o["text"] for o in principles["settings"]["options"]}
    assert options == {
        "DRY": "DRY: repeated logic",
        "SRP": "SRP: one function, several jobs",
        "MC": "MC: unexplained numbers",
        "NAME": "NAME: names that say nothing",
    }
    meta = {m["name"]: m for m in http.get(f"/api/v1/me/datasets/{ds}/metadata-properties").json()[
        "items"
    ]}  # fmt: skip
    assert meta["ev_mc_unnamed_literals"]["title"] == (
        "MC unnamed literals in code, change vs clean (count; + = more magic values)"
    )
    assert meta["ev_dry_duplicated_share"]["title"].endswith("(fraction 0-1; + = more repetition)")
    assert meta["depth"]["settings"]["type"] == "integer"

    # What the annotator's queue gives, sorted to walk each chain in order.
    order = [
        {"scope": {"entity": "metadata", "metadata_property": name}, "order": "asc"}
        for name in ("problem_id", "root_id", "depth")
    ]
    found = http.post(
        f"/api/v1/me/datasets/{ds}/records/search", json={"sort": order}, params={"limit": 50}
    )
    assert found.status_code == 200, found.text
    walked = [x["record"]["metadata"]["sample_id"] for x in found.json()["items"]]
    chains = store.samples(status=Status.ACCEPTED)  # two problems, one chain each
    assert walked == [s.id for s in sorted(chains, key=lambda s: (s.problem_id, len(s.labels)))]
    records = {x["record"]["metadata"]["sample_id"]: x["record"] for x in found.json()["items"]}
    chained = records[MC_NAME]["fields"]
    assert f"**`{MC_NAME}`**" in chained["sample"]  # the sample id, visible
    assert f"clean `{CLEAN}` → +MC → +NAME (depth 2)" in chained["sample"]
    # Every label it carries, against the clean root, one line each with its reason: the
    # values the MC step inlined, the vague names the NAME step gave.
    inlined = store.get_sample(MC).meta["edit"]["inlined"].values()
    renamed = store.get_sample(MC_NAME).meta["edit"]["renamed"].values()
    lines = chained["evidence"].splitlines()
    assert lines[0] == f"This code against the clean solution `{CLEAN}`:"
    assert lines[1].startswith("- **MC** confirmed: ") and all(v in lines[1] for v in inlined)
    assert lines[2].startswith("- **NAME** confirmed: ") and all(n in lines[2] for n in renamed)
    assert "parent_code" not in records[CLEAN]["fields"]
    guidelines = http.get(f"/api/v1/datasets/{ds}").json()["guidelines"]
    assert "| label | meaning |" in guidelines


def columns(lines: list[str]) -> dict[str, list[str]]:
    """The text table by its header's column positions: sample -> the other cells."""
    header = lines[0]
    names = ["sample", "decision", "kept", "removed", "added", "votes", "stale"]
    assert header.split() == names
    starts = [header.index(n) for n in names] + [None]
    out = {}
    for line in lines[1:]:
        cells = [line[a:b].strip() for a, b in pairwise(starts)]
        out[cells[0]] = cells[1:]
    return out


def answer(server: Server, dsid: str, make_annotator: Any) -> None:
    ids = record_ids(server, dsid)
    a, b = make_annotator(), make_annotator()
    # A curator keeps MC, unticks NAME and adds DRY; another agrees on the decision.
    a.respond(ids[MC_NAME], "submitted", {"decision": "keep", "principles": ["MC"]})
    b.respond(ids[MC_NAME], "submitted", {"decision": "keep", "principles": ["MC", "DRY"]})
    a.respond(ids[MC], "submitted", {"decision": "reject"})
    a.respond(ids[OTHER], "discarded", None)
    b.respond(ids[CLEAN], "draft", {"decision": "keep"})


def test_pull_table_and_json(tmp_path: Path, argilla_server: Server, make_annotator) -> None:
    store = small_run(tmp_path / "run")
    n = len(accepted(store))
    with argilla_server.api() as api:
        report = push(store, api, "declean")
    answer(argilla_server, report.dataset_id, make_annotator)
    store.close()

    r = cli("pull", str(tmp_path / "run"), server=argilla_server)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    said = ", ".join(f"{k} {v}" for k, v in counts(conflict=1, pending=n - 3, reject=2).items())
    assert lines[0] == f"pull: {n} records from {report.dataset!r} (majority): {said}"
    assert lines[1] == "  responses on the current code: discarded 1, draft 1, submitted 3"
    table = columns(lines[2 : 3 + n])
    # DRY ticked by one keeper of two: a tie, so the sample is a conflict, with MC kept.
    assert table[MC_NAME] == ["conflict", "MC", "NAME", "-", "2 keep", "0"]
    assert table[MC] == ["reject", "-", "-", "-", "1 reject", "0"]
    assert table[OTHER] == ["reject", "-", "-", "-", "1 discard", "0"]
    assert table[CLEAN] == ["pending", "-", "-", "-", "1 draft", "0"]
    assert "label DRY: 1 of 2 keepers" in lines[3 + n]

    r = cli("pull", str(tmp_path / "run"), "--json", server=argilla_server)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) >= {"dataset", "rule", "decisions", "responses", "samples", "stale"}
    rows = {row["sample"]: row for row in data["samples"]}
    assert rows[MC_NAME] == {
        "sample": MC_NAME,
        "decision": "conflict",
        "kept": ["MC"],
        "removed": ["NAME"],
        "added": [],
        "votes": {"keep": 2, "reject": 0, "discard": 0},
        "drafts": 0,
        "stale": 0,
        "disagreements": ["label DRY: 1 of 2 keepers"],
    }
    assert data["stale"] == [] and data["responses"]["submitted"] == 3

    status = cli("status", str(tmp_path / "run"), server=argilla_server)
    assert "curation (" in status.stdout and "submitted 3" in status.stdout
