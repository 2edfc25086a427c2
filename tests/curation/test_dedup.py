"""Dedup on real stores: exact and near duplicates, groups, idempotence, the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.dedup import dedup_store, find_clusters, normalize
from generator.principles import Principle
from generator.records import Reason, Status
from generator.store import Store
from tests.curation.runs import CLEAN_MAX, CLEAN_SUM, clean, mc, problems, variant

DECLEAN = str(Path(sys.executable).parent / "declean")


def reformat(code: str) -> str:
    """Same program: other comments, indentation and line breaks."""
    lines = ["/* reformatted copy */"]
    for line in code.splitlines():
        lines.append("\t" + "  ".join(line.split()) + ("  // same" if "return" in line else ""))
    return "\n".join(lines)


def test_normalize_drops_comments_and_whitespace_but_not_strings() -> None:
    code = 'int main(void) { /* c */ printf("a  // b\\n");  // tail\n  return 0; }'
    assert normalize(code) == 'int main ( void ) { printf ( "a  // b\\n" ) ; return 0 ; }'
    assert normalize(reformat(CLEAN_SUM)) == normalize(CLEAN_SUM)


def test_canonical_identifiers_equates_renamed_programs() -> None:
    renamed = CLEAN_SUM.replace("values", "xs").replace("total", "acc")
    assert normalize(renamed) != normalize(CLEAN_SUM)
    assert normalize(renamed, canonical_identifiers=True) == normalize(CLEAN_SUM, True)
    # Library names keep their meaning.
    assert "printf" in normalize(CLEAN_SUM, canonical_identifiers=True)


def test_exact_and_near_duplicates_map_to_smallest_id() -> None:
    near = CLEAN_SUM.replace("total += values[i];", "total = total + values[i];")
    copy = reformat(CLEAN_SUM)
    items = [("p/c3", copy), ("p/c1", CLEAN_SUM), ("p/c2", near), ("p/c0", CLEAN_MAX)]
    assert find_clusters(items) == {"p/c3": "p/c1", "p/c2": "p/c1"}
    # The answer does not depend on the order the items come in.
    assert find_clusters(list(reversed(items))) == {"p/c3": "p/c1", "p/c2": "p/c1"}
    # An exact copy of a near duplicate joins the near duplicate's representative.
    chain = [("x1", CLEAN_SUM), ("x2", near), ("x3", reformat(near))]
    assert find_clusters(chain) == {"x2": "x1", "x3": "x1"}
    # A threshold of 1.0 leaves only exact duplicates.
    assert find_clusters(items, threshold=1.0) == {"p/c3": "p/c1"}


def test_different_programs_are_kept() -> None:
    items = [("a", CLEAN_SUM), ("b", CLEAN_MAX), ("c", mc(CLEAN_SUM).replace("long", "int"))]
    assert find_clusters(items, threshold=0.95) == {}
    assert find_clusters([("only", CLEAN_SUM)]) == {}


def build(run_dir: Path) -> Store:
    store = Store.open(run_dir)
    store.save_problems(problems())
    c0 = clean("sum-list", 0, CLEAN_SUM)
    c1 = clean("sum-list", 1, reformat(CLEAN_SUM))  # exact duplicate of c0
    c2 = clean("sum-list", 2, CLEAN_SUM.replace("count++;", "count += 1;"))  # near
    other = clean("max-list", 0, CLEAN_SUM)  # same code, other problem: another group
    v0 = variant(c0, Principle.MC, mc(CLEAN_SUM))
    v3 = variant(clean("sum-list", 3, CLEAN_MAX), Principle.MC, mc(CLEAN_SUM))  # dup of v0
    v0n = variant(c0, Principle.NAME, mc(CLEAN_SUM))  # same code as v0, other label set
    rejected = clean("sum-list", 4, CLEAN_SUM)
    rejected.status = Status.REJECTED
    for s in (c0, c1, c2, other, v0, v3, v0n, rejected):
        store.save_sample(s)
    return store


def test_dedup_store_marks_duplicates_within_groups(tmp_path: Path) -> None:
    store = build(tmp_path)
    report = dedup_store(store)
    assert (report.exact, report.near, report.groups) == (2, 1, 4)
    assert report.by_kind == {
        "clean": {"checked": 4, "duplicates": 2},
        "variant": {"checked": 3, "duplicates": 1},
    }
    by_id = {s.id: s for s in store.samples()}
    for dup, rep in (
        ("sum-list/c1", "sum-list/c0"),
        ("sum-list/c2", "sum-list/c0"),
        ("sum-list/c3+MC", "sum-list/c0+MC"),
    ):
        s = by_id[dup]
        assert (s.status, s.reason, s.dedup_cluster) == (Status.REJECTED, Reason.DUPLICATE, rep)
        assert s.detail == f"duplicate of {rep}"
    assert by_id["sum-list/c2"].meta["dedup"]["method"] == "near"
    for kept in ("sum-list/c0", "max-list/c0", "sum-list/c0+MC", "sum-list/c0+NAME"):
        assert by_id[kept].status == Status.ACCEPTED
        assert by_id[kept].dedup_cluster == kept
    # Already rejected samples are left alone.
    assert by_id["sum-list/c4"].reason is None and by_id["sum-list/c4"].dedup_cluster is None


def test_dedup_store_is_idempotent_and_keeps_earlier_representatives(tmp_path: Path) -> None:
    store = build(tmp_path)
    dedup_store(store)
    before = store.execute("SELECT id, status, data, updated_at FROM samples ORDER BY id")
    again = dedup_store(store)
    assert again.duplicates == 0
    assert store.execute("SELECT id, status, data, updated_at FROM samples ORDER BY id") == before
    # A later sample with a smaller id does not displace the representative already chosen.
    late = clean("sum-list", 0, CLEAN_SUM)
    late.id = late.root_id = "sum-list/a0"
    store.save_sample(late)
    third = dedup_store(store)
    assert third.duplicates == 1
    assert store.get_sample("sum-list/a0").dedup_cluster == "sum-list/c0"
    assert store.get_sample("sum-list/c0").status == Status.ACCEPTED


def test_dedup_cli(tmp_path: Path) -> None:
    build(tmp_path).close()
    out = subprocess.run(
        [DECLEAN, "dedup", str(tmp_path), "--threshold", "0.9"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "3 duplicates rejected (2 exact, 1 near)" in out
    with Store.open(tmp_path, create=False) as store:
        rows = store.execute("SELECT COUNT(*) FROM samples WHERE reason = 'duplicate'")
    assert rows[0][0] == 3
    missing = subprocess.run(
        [DECLEAN, "dedup", str(tmp_path / "nope")], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "not a declean run directory" in missing.stderr
