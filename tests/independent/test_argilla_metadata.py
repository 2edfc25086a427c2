"""Argilla push carries the analysers' verdict as metadata a curator can filter and sort by,
against the real argilla-server fixture."""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

import pytest

from generator.curation.push import push
from generator.independent import judge
from generator.principles import Principle
from tests.curation.conftest import Server, argilla_server  # noqa: F401  (session fixture)
from tests.curation.runs import CLEAN, MC, MC_NAME, small_run

pytestmark = [pytest.mark.argilla, pytest.mark.slow]
DISAGREE = "evidence_analysers_disagree"
SCOPE = {"entity": "metadata", "metadata_property": DISAGREE}


def _search(server: Server, dataset_id: str, body: dict[str, Any]) -> list[str]:
    """Sample ids in the order the search returns them (polled: indexing is async)."""
    with server.owner() as owner:
        for _ in range(40):
            r = owner.post(f"/api/v1/datasets/{dataset_id}/records/search", json=body)
            assert r.status_code == 200, r.text
            # External ids are `<sample id>@<code sha>` (issue 15): the sample id is the front.
            items = [x["record"]["external_id"].split("@")[0] for x in r.json()["items"]]
            if items:
                return items
            time.sleep(0.25)
    return []


def test_push_carries_the_independent_metadata(
    tmp_path: Path,
    argilla_server: Server,  # noqa: F811
) -> None:
    store = small_run(tmp_path)
    said = {}
    for sid in (MC, MC_NAME):
        s = store.get_sample(sid)
        out = judge(store.get_sample(s.parent_id).code, s.code)
        s.independent_confirmed, s.independent_metrics = out.confirmed, out.metrics
        if sid == MC_NAME:
            s.evidence.collateral = [Principle.DRY]  # the evidence sees DRY, the analysers not
        store.save_sample(s)
        by_evidence = {s.principle, *s.evidence.collateral}
        said[sid] = (
            [p.value for p in out.confirmed] or ["none"],
            len(by_evidence ^ set(out.confirmed)),
        )
    # The analysers back the MC step; the MC+NAME step has the DRY they do not see, at least.
    assert said[MC] == (["MC"], 0) and said[MC_NAME][1] >= 1
    with argilla_server.api() as api:
        report = push(store, api, "declean", "test-" + secrets.token_hex(4))
    ds = report.dataset_id
    with argilla_server.api() as api:
        props = api.metadata_properties(ds)
    with argilla_server.owner() as owner:
        recs = owner.get(f"/api/v1/datasets/{ds}/records", params={"limit": 100}).json()["items"]
    types = {name: p["settings"]["type"] for name, p in props.items()}
    assert types[DISAGREE] == "integer" and types["independent_confirmed"] == "terms"
    meta = {r["metadata"]["sample_id"]: r["metadata"] for r in recs}
    for sid, (confirmed, disagree) in said.items():
        assert meta[sid]["independent_confirmed"] == confirmed, sid
        assert meta[sid][DISAGREE] == disagree, sid
    assert DISAGREE not in meta[CLEAN]  # never analysed: no made-up 0
    # Every other variant the run accepted the analysers back, as its evidence does.
    others = [m for sid, m in meta.items() if sid not in said and DISAGREE in m]
    assert all(m[DISAGREE] == 0 for m in others)

    disagreeing = {"filters": {"and": [{"type": "range", "scope": SCOPE, "ge": 1}]}}
    assert _search(argilla_server, ds, disagreeing) == [MC_NAME]
    first = _search(argilla_server, ds, {"sort": [{"scope": SCOPE, "order": "desc"}]})
    assert first[0] == MC_NAME
    store.close()
