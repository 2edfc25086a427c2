"""`declean evidence PARENT VARIANT --json` carries the analysers' opinion under `independent`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROGRAMS = Path(__file__).parent / "programs"
DECLEAN = str(Path(sys.executable).parent / "declean")


def _evidence(variant: str, principle: str, *extra: str) -> subprocess.CompletedProcess[str]:
    files = [str(PROGRAMS / "clean.c"), str(PROGRAMS / f"{variant}.c")]
    return subprocess.run(
        [DECLEAN, "evidence", *files, "--principle", principle, *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_json_has_the_independent_key() -> None:
    out = _evidence("name", "NAME", "--json")
    assert out.returncode == 0, out.stderr
    ev = json.loads(out.stdout)
    assert ev["confirmed"] is True  # declean's own keys are unchanged
    independent = ev["independent"]
    assert set(independent) == {"confirmed", "metrics"}
    assert independent["confirmed"] == ["NAME"]
    metrics = independent["metrics"]
    assert metrics["clang-tidy"]["short_names"] == {
        "parent": 0,
        "variant": 17,
    }  # 8 names, 17 declarations
    assert metrics["clang-tidy"]["magic_numbers"] == {"parent": 5, "variant": 5}
    assert metrics["lizard"]["functions"] == {"parent": 6, "variant": 6}
    assert metrics["jscpd"]["duplicated_tokens"] == {"parent": 25, "variant": 25}
    assert metrics["versions"]["clang-tidy"].startswith("23.")


def test_the_table_says_what_the_analysers_confirm() -> None:
    out = _evidence("srp", "SRP")
    assert out.returncode == 0, out.stderr
    assert "independent analysers confirm: SRP" in out.stdout
    assert "max_nloc" in out.stdout
