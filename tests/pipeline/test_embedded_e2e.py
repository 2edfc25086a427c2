"""End to end on the real embedded model (0.5B for speed): invariants, not exact text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from generator.config import load_config
from generator.records import Kind, Status
from generator.run import execute
from generator.stages.equivalence import compare
from tests.scripted.runner import PROBLEMS


@pytest.mark.llm
@pytest.mark.slow
@pytest.mark.timeout(2400)  # minutes on a quiet machine; a loaded one is far slower
def test_embedded_model_end_to_end(tmp_path: Path) -> None:
    cfg = load_config(
        problems=PROBLEMS,
        run_dir=tmp_path / "run",
        embedded_size="0.5b",
        samples=1,
        principles="NAME,MC",
        max_fixes=1,
        retries=1,
        max_tokens=900,
        timeout_s=600,
    )
    store = execute(cfg, Console(file=io.StringIO()))
    samples = store.samples()
    stats = store.llm_cache.stats()
    assert stats["requests"] >= 1 and stats["completion_tokens"] > 0
    assert all(s.status != Status.PENDING for s in samples)  # every sample reached a verdict
    assert all(s.reason is not None for s in samples if s.status == Status.REJECTED)
    for s in samples:
        if s.status != Status.ACCEPTED:
            continue
        assert s.sandbox and s.sandbox.compiled
        assert all(r.exit_code == 0 for r in s.sandbox.runs)
        if s.kind == Kind.VARIANT:
            root = store.get_sample(s.root_id)
            assert compare(root.outputs, s.outputs).equal or s.equivalence.method == "judge"
            assert s.evidence.confirmed
    # The server is gone: nothing listens on its port after the run.
    log = (tmp_path / "run" / "llm-server.log").read_text()
    assert "serving" in log
