"""The demo's store (generator/demo/store.py): answers, feedback, and its Argilla side."""

from pathlib import Path

from generator.demo.store import DemoStore, FeedbackDecision, check_id

CODE = "int main(void) { return 0; }\n"


def test_feedback_decisions_are_none_until_a_push_or_pull_made_their_table(
    tmp_path: Path,
) -> None:
    with DemoStore(tmp_path) as store:
        assert store.feedback_decisions() is None  # `load_real` then says to pull first
        assert store.feedback_dataset() == {}  # what push and pull read first
        assert store.feedback_decisions() == {}


def test_feedback_dataset_hashes_and_decisions_round_trip(tmp_path: Path) -> None:
    with DemoStore(tmp_path) as store:
        cid = check_id(CODE, "m", "sha")
        store.save_answer(cid, CODE, "m", "sha", {"labels": ["MC"], "compiles": True})
        fid = store.add_feedback(cid, ["MC", "NAME"], {"MC": "right"}, "", None)
        where = {"url": "http://a", "workspace": "w", "name": "fb", "id": "ds1"}
        store.set_feedback_dataset(where)
        store.mark_feedback_pushed("ds1", {fid: "h1"}, at=1.0)
        store.mark_feedback_pushed("ds2", {fid: "other"}, at=1.0)
        store.mark_feedback_pushed("ds1", {fid: "h2"}, at=2.0)
        vote = {"status": "submitted", "decision": "keep", "labels": ["MC"], "note": "odd"}
        kept = FeedbackDecision(
            feedback_id=fid, decision="keep", labels=["MC"], notes=["odd"], responses=[vote]
        )
        store.save_feedback_decisions([kept], at=1.0)
    with DemoStore.open_existing(tmp_path) as store:  # all of it is in the file
        assert store.feedback_dataset() == where
        assert (store.feedback_hashes("ds1"), store.feedback_hashes("ds2")) == (
            {fid: "h2"},
            {fid: "other"},
        )
        assert store.feedback_decisions() == {fid: kept}
        rejected = kept.model_copy(update={"decision": "reject", "labels": []})
        store.save_feedback_decisions([rejected], at=2.0)
        assert store.feedback_decisions() == {fid: rejected}
