"""The curation table read against the run's code: stale where the code changed since."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from generator.curation.state import code_sha, current_curation, decision_counts
from generator.dataset.export import funnel
from generator.dataset.rows import Source, load_rows
from generator.store import CurationDecision, Store
from tests.curation.runs import CLEAN, MC, MC_NAME, OTHER, small_run

DECLEAN = str(Path(sys.executable).parent / "declean")


def decide(
    store: Store, sid: str, decision: str, sha: str | None, labels: list[str] | None = None
) -> None:
    row = CurationDecision(sample_id=sid, decision=decision, labels=labels or [], code_sha=sha)
    store.curation.save([row], time.time())


def test_a_decision_on_replaced_code_reads_as_stale_everywhere(tmp_path: Path) -> None:
    store = small_run(tmp_path)
    sha = {s.id: code_sha(s.code) for s in store.samples()}
    decide(store, CLEAN, "keep", sha[CLEAN])
    decide(store, MC, "keep", sha[MC], ["MC"])
    decide(store, MC_NAME, "pending", sha[MC_NAME])
    decide(store, OTHER, "reject", None)  # pulled before decisions carried a hash
    for sid in (MC, MC_NAME):
        s = store.get_sample(sid)
        s.code = "/* regenerated */\n" + s.code
        store.save_sample(s)

    got = {sid: row.decision for sid, row in current_curation(store).items()}
    assert got == {
        CLEAN: "keep",
        MC: "stale",  # a keep on code nobody saw since: never applied
        MC_NAME: "pending",  # nothing was decided on the old code
        OTHER: "stale",  # which code it judged is unknown
    }
    assert decision_counts(store) == {"keep": 1, "pending": 1, "stale": 2}
    assert funnel(store)["curation"] == {"keep": 1, "pending": 1, "stale": 2}  # the card's
    curated = load_rows(store, Source.CURATED, include_no_compile=False)
    assert [r.id for r in curated] == [CLEAN]
    store.close()

    status = subprocess.run(
        [DECLEAN, "status", str(tmp_path), "--json"], capture_output=True, text=True, check=True
    )
    assert json.loads(status.stdout)["curation"]["decisions"] == {
        "keep": 1,
        "pending": 1,
        "stale": 2,
    }
    text = subprocess.run(
        [DECLEAN, "status", str(tmp_path)], capture_output=True, text=True, check=True
    ).stdout
    assert "curation (last pull): keep 1, pending 1, stale 2" in text


def test_an_old_store_gets_the_code_sha_column(tmp_path: Path) -> None:
    db = tmp_path / "declean.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TABLE curation (sample_id TEXT PRIMARY KEY, decision TEXT NOT NULL,"
            " labels TEXT NOT NULL DEFAULT '[]', notes TEXT NOT NULL DEFAULT '[]',"
            " responses TEXT NOT NULL DEFAULT '[]', updated_at REAL NOT NULL)"
        )
        conn.execute("INSERT INTO curation(sample_id, decision, updated_at) VALUES ('a','keep',0)")
    with Store.open(tmp_path, create=False) as store:
        assert store.execute("SELECT sample_id, decision, code_sha FROM curation")[0] == (
            "a",
            "keep",
            None,
        )
        assert store.run_id() is None  # given by the first push, not by opening
