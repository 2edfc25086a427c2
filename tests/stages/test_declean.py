"""The two editors: procedural edits (no LLM) and the LLM's, through the same gates."""

from __future__ import annotations

from pathlib import Path

from generator.principles import Principle
from generator.principles.base import verdicts
from generator.principles.mc import rule as mc
from generator.principles.srp import rule as srp
from generator.records import Kind, Reason, Status
from tests.scripted import happy_script, program, purpose
from tests.scripted.runner import Runner

REFERENCE = ["sum=16\nmax=9\nscaled=160\n", "sum=-7\nmax=-2\nscaled=-70\n", "empty\n"]
MC_TRANSFORMS = set(mc.TRANSFORMS)  # inline_constants, literal_length, ...
TRANSFORMS = {"paste_helper", "unroll_loop", "vague_rename"} | MC_TRANSFORMS | set(srp.TRANSFORMS)
TRANSFORMS |= {"copy_modify", "duplicate_tail", "peel_loop", "split_condition"}


def test_given_solutions_and_procedural_edits_make_no_request(
    runner: Runner, tmp_path: Path
) -> None:
    given = tmp_path / "mine"
    given.mkdir()
    (given / "sum-max.c").write_text(program("clean"))
    runner.fake.handler = happy_script()
    store = runner.run(principles="DRY,SRP,MC,NAME", clean_from=given, editor="procedural")
    assert runner.fake.requests == []
    assert "starting the embedded model" not in runner.output.getvalue()
    variants = store.samples(kind=Kind.VARIANT)
    assert len(variants) == 15
    done = [v for v in variants if v.status == Status.ACCEPTED]
    assert {v.editor for v in done} == {"procedural"}
    assert len(done) >= 7, [(v.id, v.reason, v.detail) for v in variants]
    for v in done:
        assert v.transform in TRANSFORMS and v.outputs == REFERENCE and v.sandbox.compiled
        assert v.evidence.confirmed and v.model is None and v.prompt_hash is None
        # Sorted by the reviewer's verdict: its principle is seen, or it is a hard negative.
        principle = Principle(v.id.rsplit("+", 1)[1])
        said = verdicts(v.code)[principle]
        assert said.violated or v.meta.get("hard_negative"), (v.id, said)
        assert not v.meta.get("hard_negative") or said.severity > 0, v.id
    mc = store.get_sample("sum-max/c0+MC")
    assert mc.transform in MC_TRANSFORMS and mc.meta["edit"]["inlined"]
    name = store.get_sample("sum-max/c0+NAME")
    assert name.transform == "vague_rename" and len(name.meta["edit"]["renamed"]) >= 2
    # the fixture calls no helper twice and has no short counted loop, but max_value's loop
    # can have its first pass written out before it
    dry = store.get_sample("sum-max/c0+DRY")
    assert dry.status == Status.ACCEPTED and dry.transform == "peel_loop", (dry.reason, dry.detail)


def test_procedural_edits_are_the_same_on_a_rerun_elsewhere(runner: Runner, tmp_path: Path) -> None:
    given = tmp_path / "mine"
    given.mkdir()
    (given / "sum-max.c").write_text(program("clean"))
    runner.fake.handler = happy_script()
    first = {
        s.id: s.code
        for s in runner.run(principles="MC,NAME", clean_from=given, editor="procedural").samples()
    }
    runner.run_dir = tmp_path / "again"
    again = {
        s.id: s.code
        for s in runner.run(principles="MC,NAME", clean_from=given, editor="procedural").samples()
    }
    assert first == again


def test_mixed_gives_each_variant_one_editor_first_and_records_it(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="SRP,MC,NAME", editor="mixed")
    variants = store.samples(kind=Kind.VARIANT)
    accepted = [v for v in variants if v.status == Status.ACCEPTED]
    assert len(variants) == 7 and len(accepted) >= 5
    assert {v.editor for v in accepted} == {"llm", "procedural"}
    for v in accepted:
        assert v.transform in TRANSFORMS | {"rewrite"}
        assert (v.model is None) == (v.editor == "procedural")
    asked = {r["messages"][-1]["content"] for r in runner.fake.requests if purpose(r) != "clean"}
    assert asked  # the LLM edited some


def test_status_shows_diversity_by_label_and_editor(runner: Runner, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    given = tmp_path / "mine"
    given.mkdir()
    (given / "sum-max.c").write_text(program("clean"))
    runner.fake.handler = happy_script()
    runner.run(principles="MC,NAME", clean_from=given, editor="procedural").close()
    declean = str(Path(sys.executable).parent / "declean")
    out = subprocess.run(
        [declean, "status", str(runner.run_dir), "--json"], capture_output=True, text=True
    )
    div = json.loads(out.stdout)["diversity"]
    assert div["samples"] == 3 and div["label_sets"] == 3
    assert div["cooccurrence"]["MC"]["NAME"] == 1 and div["cooccurrence"]["NAME"]["NAME"] == 2
    assert div["cooccurrence"]["DRY"]["DRY"] == 0
    assert div["per_label"]["NAME"]["distinct_vague_names"] >= 2
    assert div["per_label"]["MC"]["distinct_inlined_values"] >= 1
    assert div["editors"] == {"procedural": {"samples": 3, "share": 1.0}}
    made = div["transforms"]
    assert made["vague_rename"] == 2 and sum(made.values()) == 3 and set(made) <= TRANSFORMS
    text = subprocess.run([declean, "status", str(runner.run_dir)], capture_output=True, text=True)
    assert "label co-occurrence" in text.stdout and "procedural 3 (100%)" in text.stdout


def test_a_given_root_the_verdict_flags_is_kept_or_filtered_by_policy(
    runner: Runner, tmp_path: Path
) -> None:
    given = tmp_path / "mine"
    given.mkdir()
    (given / "sum-max.c").write_text(program("name"))  # f1, f2, a, b, x, y: vague names
    runner.fake.handler = happy_script()
    kept = runner.run(principles="MC", clean_from=given, editor="procedural")
    assert kept.get_sample("sum-max/c0").status == Status.ACCEPTED
    kept.close()
    runner.run_dir = tmp_path / "filtered"
    filtered = runner.run(
        principles="MC", clean_from=given, editor="procedural", flagged_roots="filter"
    )
    root = filtered.get_sample("sum-max/c0")
    assert (root.status, root.reason) == (Status.REJECTED, Reason.NOT_CLEAN)
    assert "NAME (names that say nothing:" in root.detail
    assert "flagged_roots = filter" in root.detail
