"""The run stores the dataset, curation and demo tests read hold the evidence the real checker
gives their code, and every accepted variant in them really breaks what it is labelled with:
they are made by the pipeline (tests/runs.py), and this holds it to what it stores."""

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.c.program import Program
from generator.principles.check import check
from generator.records import Kind, Status
from generator.store import Store
from tests.curation import runs as curation_runs
from tests.dataset import runs as dataset_runs
from tests.demo import runs as demo_runs


def curation_run(run_dir: Path) -> Path:
    curation_runs.small_run(run_dir).close()
    return run_dir


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "dataset-small": dataset_runs.small_run,
    "dataset-skewed": dataset_runs.skewed_run,
    "curation-small": curation_run,
    "demo-example": demo_runs.example_run,
}


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_stored_evidence_is_what_the_checker_says_of_the_code(
    build: Callable[[Path], Path], tmp_path: Path
) -> None:
    with Store.open(build(tmp_path / "run"), create=False) as store:
        samples = {s.id: s for s in store.samples()}
    accepted = [
        s for s in samples.values() if s.kind == Kind.VARIANT and s.status == Status.ACCEPTED
    ]
    assert accepted
    for s in accepted:
        assert s.principle is not None and s.parent_id is not None
        said = check(Program(samples[s.parent_id].code), Program(s.code), s.principle)
        assert s.evidence == said, s.id
        assert said.confirmed, (s.id, said.reasons)
