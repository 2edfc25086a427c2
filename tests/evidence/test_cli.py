"""`declean evidence` as a user runs it: a real subprocess of the installed entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
DECLEAN = str(Path(sys.executable).parent / "declean")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DECLEAN, "evidence", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_json_is_one_object_with_the_contract_fields() -> None:
    out = _run(
        str(FIXTURES / "stats" / "clean.c"),
        str(FIXTURES / "stats" / "name_and_mc.c"),
        "--principle",
        "name",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    ev = json.loads(out.stdout)
    assert ev["principle"] == "NAME"
    assert ev["confirmed"] is True
    assert ev["collateral"] == ["MC"]
    assert ev["metrics"]["MC"]["details"]["inlined_constants"] == {
        "MAX_VALUES": "100",
        "PASS_MARK": "50",
    }


def test_not_confirmed_still_exits_zero_and_shows_figures() -> None:
    out = _run(
        str(FIXTURES / "stats" / "clean.c"), str(FIXTURES / "stats" / "srp_split.c"), "-p", "SRP"
    )
    assert out.returncode == 0, out.stderr
    assert "SRP: not_confirmed" in out.stdout
    assert "functions" in out.stdout and "duplicated_tokens" in out.stdout


def test_unreadable_file_names_the_file() -> None:
    missing = FIXTURES / "stats" / "no_such_variant.c"
    out = _run(str(FIXTURES / "stats" / "clean.c"), str(missing), "-p", "MC")
    assert out.returncode == 1
    assert "variant file" in out.stderr and "no_such_variant.c" in out.stderr
    assert out.stdout == ""


def test_unknown_principle_lists_the_known_ones() -> None:
    clean = str(FIXTURES / "stats" / "clean.c")
    out = _run(clean, clean, "--principle", "KISS", "--json")
    assert out.returncode == 1
    assert "KISS" in out.stderr and "DRY, SRP, MC, NAME" in out.stderr
    assert out.stdout == ""
