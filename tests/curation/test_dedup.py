"""Dedup on real stores: exact and near duplicates, groups, idempotence, the CLI.

The store is a real run's (tests/curation/runs.py); the duplicates dedup must find are made
here from its samples, each a copy of a real sample under another id with the code the case
needs, as a rerun or another root would bring them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from generator.dedup import dedup_store, find_clusters, normalize
from generator.principles import Principle
from generator.records import Kind, Reason, Sample, Status
from generator.store import Store
from tests.curation.runs import CLEAN, MC, OTHER, small_run
from tests.runs import Root, mc_edit

DECLEAN = str(Path(sys.executable).parent / "declean")
CODE = Root("temperature-table").code()
OTHER_CODE = Root("towers-of-hanoi").code()


def reformat(code: str) -> str:
    """Same program: other comments, indentation and line ends."""
    lines = ["/* reformatted copy */"]
    for line in code.splitlines():
        lines.append("\t" + line.strip() + ("  // same" if "return" in line else ""))
    return "\r\n".join(lines)


def near(code: str) -> str:
    """Nearly the same program: one statement written another way."""
    assert "rows++;" in code
    return code.replace("rows++;", "rows += 1;")


def renamed(code: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        assert re.search(rf"\b{old}\b", code), old
        code = re.sub(rf"\b{old}\b", new, code)
    return code


def test_normalize_drops_comments_and_whitespace_but_not_strings() -> None:
    code = 'int main(void) { /* c */ printf("a  // b\\n");  // tail\n  return 0; }'
    assert normalize(code) == 'int main ( void ) { printf ( "a  // b\\n" ) ; return 0 ; }'
    assert normalize(reformat(CODE)) == normalize(CODE)


def test_canonical_identifiers_equates_renamed_programs() -> None:
    other_names = renamed(CODE, {"celsius": "xs", "rows": "acc"})
    assert normalize(other_names) != normalize(CODE)
    assert normalize(other_names, canonical_identifiers=True) == normalize(CODE, True)
    # Library names keep their meaning.
    assert "printf" in normalize(CODE, canonical_identifiers=True)


def test_exact_and_near_duplicates_map_to_smallest_id() -> None:
    copy = reformat(CODE)
    items = [("p/c3", copy), ("p/c1", CODE), ("p/c2", near(CODE)), ("p/c0", OTHER_CODE)]
    assert find_clusters(items) == {"p/c3": "p/c1", "p/c2": "p/c1"}
    # The answer does not depend on the order the items come in.
    assert find_clusters(list(reversed(items))) == {"p/c3": "p/c1", "p/c2": "p/c1"}
    # An exact copy of a near duplicate joins the near duplicate's representative.
    chain = [("x1", CODE), ("x2", near(CODE)), ("x3", reformat(near(CODE)))]
    assert find_clusters(chain) == {"x2": "x1", "x3": "x1"}
    # A threshold of 1.0 leaves only exact duplicates.
    assert find_clusters(items, threshold=1.0) == {"p/c3": "p/c1"}


def test_different_programs_are_kept() -> None:
    items = [("a", CODE), ("b", OTHER_CODE), ("c", mc_edit(CODE))]
    assert find_clusters(items, threshold=0.95) == {}
    assert find_clusters([("only", CODE)]) == {}


def as_sample(s: Sample, sid: str, code: str, **changes: object) -> Sample:
    """`s` under another id with `code`, not yet seen by any dedup."""
    root = sid if s.kind == Kind.CLEAN else s.root_id
    fields = {"id": sid, "root_id": root, "code": code, "dedup_cluster": None, **changes}
    return s.model_copy(update=fields, deep=True)


def build(run_dir: Path) -> Store:
    """The real run with: an exact and a near copy of its clean root, that root's code as a
    root of another problem (another group), a copy of its MC variant from another root, that
    variant's code labelled NAME instead (another group), and a rejected copy of the root."""
    store = small_run(run_dir)
    c0, v0 = store.get_sample(CLEAN), store.get_sample(MC)
    pid = c0.problem_id
    other_problem = store.get_sample(OTHER).problem_id
    for s in (
        as_sample(c0, f"{pid}/c1", reformat(c0.code)),  # exact duplicate of c0
        as_sample(c0, f"{pid}/c2", near(c0.code)),  # near duplicate of c0
        as_sample(c0, f"{other_problem}/c5", c0.code, problem_id=other_problem),
        as_sample(v0, f"{pid}/c3+MC", v0.code, root_id=f"{pid}/c3", parent_id=f"{pid}/c3"),
        as_sample(v0, f"{pid}/c0+NAME", v0.code, principle=Principle.NAME, labels=[Principle.NAME]),
        as_sample(c0, f"{pid}/c4", c0.code).reject(Reason.RUNTIME_ERROR),
    ):
        store.save_sample(s)
    return store


def test_dedup_store_marks_duplicates_within_groups(tmp_path: Path) -> None:
    store = build(tmp_path)
    accepted = store.samples(status=Status.ACCEPTED)
    kinds = [s.kind.value for s in accepted]
    report = dedup_store(store)
    groups = {(s.problem_id, frozenset(s.labels)) for s in accepted}
    assert (report.exact, report.near, report.groups) == (2, 1, len(groups))
    assert report.by_kind == {
        "clean": {"checked": kinds.count("clean"), "duplicates": 2},
        "variant": {"checked": kinds.count("variant"), "duplicates": 1},
    }
    by_id = {s.id: s for s in store.samples()}
    pid = by_id[CLEAN].problem_id
    for dup, rep in ((f"{pid}/c1", CLEAN), (f"{pid}/c2", CLEAN), (f"{pid}/c3+MC", MC)):
        s = by_id[dup]
        assert (s.status, s.reason, s.dedup_cluster) == (Status.REJECTED, Reason.DUPLICATE, rep)
        assert s.detail == f"duplicate of {rep}"
    assert by_id[f"{pid}/c2"].meta["dedup"]["method"] == "near"
    other_problem = by_id[OTHER].problem_id
    for kept in (CLEAN, f"{other_problem}/c5", MC, f"{pid}/c0+NAME"):
        assert by_id[kept].status == Status.ACCEPTED
        assert by_id[kept].dedup_cluster == kept
    # Already rejected samples are left alone.
    rejected = by_id[f"{pid}/c4"]
    assert rejected.reason is Reason.RUNTIME_ERROR and rejected.dedup_cluster is None


def test_dedup_store_is_idempotent_and_keeps_earlier_representatives(tmp_path: Path) -> None:
    store = build(tmp_path)
    dedup_store(store)
    before = store.execute("SELECT id, status, data, updated_at FROM samples ORDER BY id")
    again = dedup_store(store)
    assert again.duplicates == 0
    assert store.execute("SELECT id, status, data, updated_at FROM samples ORDER BY id") == before
    # A later sample with a smaller id does not displace the representative already chosen.
    root = store.get_sample(CLEAN)
    late = as_sample(root, f"{root.problem_id}/a0", root.code)
    store.save_sample(late)
    third = dedup_store(store)
    assert third.duplicates == 1
    assert store.get_sample(late.id).dedup_cluster == CLEAN
    assert store.get_sample(CLEAN).status == Status.ACCEPTED


def test_dedup_cli(tmp_path: Path) -> None:
    with build(tmp_path) as store:
        known = store.execute("SELECT COUNT(*) FROM samples WHERE reason = 'duplicate'")[0][0]
    out = subprocess.run(
        [DECLEAN, "dedup", str(tmp_path), "--threshold", "0.9"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "3 duplicates rejected (2 exact, 1 near)" in out
    with Store.open(tmp_path, create=False) as store:
        rows = store.execute("SELECT COUNT(*) FROM samples WHERE reason = 'duplicate'")
    assert rows[0][0] == known + 3
    missing = subprocess.run(
        [DECLEAN, "dedup", str(tmp_path / "nope")], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "not a declean run directory" in missing.stderr
