"""`declean evidence` as a user runs it: a real subprocess of the installed entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


PROSE = b"Counting sheep: 1, 2, 3. The answer is 42, and 7 is lucky.\n" * 5


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (PROSE, "defines no function"),
        (bytes(range(256)) * 8, "binary data (byte 0x00 on line 1)"),
        (b"def main():\n    print(42)\n", "looks like Python"),
    ],
    ids=["prose", "random-bytes", "python"],
)
@pytest.mark.parametrize("role", ["parent", "variant"])
def test_text_that_is_not_a_c_program_is_refused(
    tmp_path: Path, text: bytes, why: str, role: str
) -> None:
    bad = tmp_path / "bad.c"
    bad.write_bytes(text)
    clean = str(FIXTURES / "stats" / "clean.c")
    files = (str(bad), clean) if role == "parent" else (clean, str(bad))
    out = _run(*files, "-p", "MC")
    assert out.returncode == 1, out.stdout
    assert f"{role} file {bad} is not a C program" in out.stderr and why in out.stderr
    assert "confirmed" not in out.stdout and "Traceback" not in out.stderr


def test_a_latin1_comment_is_still_c(tmp_path: Path) -> None:
    variant = tmp_path / "latin1.c"
    variant.write_bytes(b"/* caf\xe9 */\n" + (FIXTURES / "stats" / "name_and_mc.c").read_bytes())
    out = _run(str(FIXTURES / "stats" / "clean.c"), str(variant), "-p", "NAME", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["confirmed"] is True
