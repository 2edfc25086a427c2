"""The run's store (generator/store.py): every query other modules need, behind a method."""

from pathlib import Path

from generator.principles import Principle
from generator.records import Kind, Reason, Sample, Status
from generator.store import CurationDecision, Store


def clean(pid: str, k: int, code: str = "int main(void) { return 0; }\n") -> Sample:
    sid = Sample.clean_id(pid, k)
    return Sample(id=sid, problem_id=pid, kind=Kind.CLEAN, root_id=sid, code=code)


def test_restarting_a_sample_drops_the_attempts_of_the_interrupted_try(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        s = clean("p", 0)
        store.start_sample(s)
        store.add_attempt(s.id, 1, "clean", "int main(void){}", "compile_failed", "line 1")
        store.add_attempt("p/c1", 1, "clean", "int main(void){}", "ok")
        store.start_sample(s)  # the run was killed before a verdict; this one restarts it
        assert store.attempts(s.id) == []
        assert len(store.attempts("p/c1")) == 1  # other samples keep theirs
        assert store.get_sample(s.id).status == Status.PENDING


def test_samples_saved_together_codes_and_verdict_counts(tmp_path: Path) -> None:
    a, b, c = clean("p", 0, "int a;\n").accept(), clean("p", 1, "int b;\n"), clean("q", 0, "")
    v = Sample(
        id=a.child_id(Principle.MC), problem_id="p", kind=Kind.VARIANT, parent_id=a.id,
        root_id=a.id, principle=Principle.MC, labels=[Principle.MC], code="int v;\n",
    ).reject(Reason.NOT_CONFIRMED)  # fmt: skip
    with Store.open(tmp_path / "run") as store:
        store.save_samples([a, b, c, v.model_copy()])
        assert store.codes() == {
            "p/c0": "int a;\n",
            "p/c1": "int b;\n",
            "q/c0": "",
            v.id: "int v;\n",
        }
        assert store.verdict_counts(by="kind") == [
            ("clean", "accepted", "", 1),
            ("clean", "pending", "", 2),
            ("variant", "rejected", "not_confirmed", 1),
        ]
        store.save_samples([v.accept()])  # saved again: replaced, not added
        assert store.verdict_counts(by="kind")[-1] == ("variant", "accepted", "", 1)


def test_curation_rows_round_trip_and_a_pull_replaces_them(tmp_path: Path) -> None:
    first = CurationDecision(
        sample_id="p/c0+MC", decision="keep", labels=["MC"], notes=["ann: fine"],
        responses=[{"user": "ann", "status": "submitted", "decision": "keep"}], code_sha="ab12",
    )  # fmt: skip
    other = CurationDecision(sample_id="p/c0", decision="pending")
    with Store.open(tmp_path / "run") as store:
        assert store.curation.decisions() == []
        store.curation.save([first, other], at=1.0)
        assert store.curation.decisions() == [first, other]
        again = first.model_copy(update={"decision": "conflict", "labels": [], "code_sha": "cd34"})
        store.curation.save([again], at=2.0)
        assert sorted(store.curation.decisions(), key=lambda d: d.sample_id) == [other, again]
        assert store.execute("SELECT updated_at FROM curation WHERE sample_id = 'p/c0+MC'") == [
            (2.0,)
        ]


def test_pushed_hashes_are_kept_per_dataset_and_updated(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        assert store.curation.pushed_hashes("ds1") == {}
        store.curation.mark_pushed("ds1", {"p/c0": "h0", "p/c1": "h1"}, at=1.0)
        store.curation.mark_pushed("ds2", {"p/c0": "other"}, at=1.0)
        store.curation.mark_pushed("ds1", {"p/c1": "h1b"}, at=2.0)
        assert store.curation.pushed_hashes("ds1") == {"p/c0": "h0", "p/c1": "h1b"}
        assert store.curation.pushed_hashes("ds2") == {"p/c0": "other"}


def test_a_split_replaces_the_last_one_of_its_source_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        assert store.curation.split("auto") == {}
        store.curation.replace_split("auto", {"a": "train", "b": "test", "c": "train"})
        store.curation.replace_split("curated", {"a": "test"})
        store.curation.replace_split(
            "auto", {"a": "test", "b": "train"}
        )  # `c` is gone with the old one
        assert store.curation.split("auto") == {"a": "test", "b": "train"}
        assert store.curation.split("curated") == {"a": "test"}


def test_a_store_made_before_the_push_and_split_tables_gets_them(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        store.execute("DROP TABLE curation_pushed")
        store.execute("DROP TABLE dataset_split")
    with Store.open(tmp_path / "run", create=False) as store:
        store.curation.mark_pushed("ds", {"p/c0": "h"}, at=1.0)
        store.curation.replace_split("auto", {"p": "test"})
        assert (store.curation.pushed_hashes("ds"), store.curation.split("auto")) == (
            {"p/c0": "h"},
            {"p": "test"},
        )


def test_each_start_of_a_sample_counts_as_a_try_and_a_verdict_does_not(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        s = clean("p", 0)
        assert store.tries(s.id) == 0
        store.start_sample(s)
        store.save_sample(s.reject(Reason.LLM_ERROR, "HTTP 503"))
        assert store.tries(s.id) == 1
        store.start_sample(clean("p", 0))  # the next run retries it
        assert store.tries(s.id) == 2
        assert store.verdicts() == [(s.id, None, "pending", None, 2)]


def test_a_store_made_before_tries_gets_the_column(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        store.save_sample(clean("p", 0).reject(Reason.LLM_ERROR))
        store.execute("ALTER TABLE samples DROP COLUMN tries")
    with Store.open(tmp_path / "run", create=False) as store:
        assert store.tries("p/c0") == 0  # an old llm_error: retried like a new one


def test_forgetting_a_problem_drops_its_samples_and_attempts_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        for s in (clean("p", 0), clean("p", 1), clean("q", 0)):
            store.start_sample(s)
            store.add_attempt(s.id, 1, "clean", "", "ok")
        assert store.forget_samples(["p"]) == 2
        assert store.samples_per_problem() == {"q": 1}
        assert store.attempts("p/c0") == [] and len(store.attempts("q/c0")) == 1
        assert store.forget_samples() == 1 and store.samples() == []


def test_sessions_keep_every_run_settings_and_outcome(tmp_path: Path) -> None:
    with Store.open(tmp_path / "run") as store:
        first = store.start_session({"seed": 0}, {})
        store.end_session(first, "finished")
        second = store.start_session({"seed": 7}, {"samples": 4})
        sessions = store.sessions()
    assert [(s["id"], s["outcome"], s["settings"]) for s in sessions] == [
        (first, "finished", {"seed": 0}),
        (second, "running", {"seed": 7}),
    ]
    assert sessions[1]["ended_at"] is None and sessions[1]["restarted"] == {"samples": 4}
