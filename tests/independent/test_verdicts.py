"""Independent verdicts on hand-written parent/variant pairs, with the real analysers.

programs/clean.c is a clean solution with a data table in `main` (coin values): clang-tidy
calls five of its numbers magic, so only a comparison with the parent can tell MC."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from generator.independent import Independent, judge, measure
from generator.independent.cache import FILE_NAME, code_hash
from generator.independent.verdicts import flags
from generator.principles import Principle
from tests.scripted import PROGRAMS as SCRIPTED

PROGRAMS = Path(__file__).parent / "programs"


def program(name: str) -> str:
    return (PROGRAMS / f"{name}.c").read_text()


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Independent]:
    cache = tmp_path_factory.mktemp("independent")
    names = ["dry", "dry_one_line", "srp", "mc", "name", "name_meaningful", "reformatted"]
    return {n: judge(program("clean"), program(n), cache) for n in names}


def test_the_clean_table_is_flagged_on_its_own() -> None:
    fig = measure([program("clean")])[code_hash(program("clean"))]
    assert sorted(fig.clang_tidy.magic_numbers) == ["10", "100", "200", "25", "5"]
    assert flags(fig)["clang-tidy readability-magic-numbers"] == (True, 5)
    assert fig.clang_tidy.errors == 0


@pytest.mark.parametrize(
    ("variant", "confirmed"),
    [
        ("mc", [Principle.MC]),
        ("name", [Principle.NAME]),
        ("srp", [Principle.SRP]),
        # Pasting a helper at its two call sites also leaves fewer, longer functions.
        ("dry", [Principle.DRY, Principle.SRP]),
    ],
)
def test_positive_pairs(verdicts: dict[str, Independent], variant: str, confirmed: list) -> None:
    assert verdicts[variant].confirmed == confirmed


@pytest.mark.parametrize("variant", ["reformatted", "name_meaningful"])
def test_edits_that_break_nothing_confirm_nothing(
    verdicts: dict[str, Independent], variant: str
) -> None:
    assert verdicts[variant].confirmed == []


def test_a_table_left_alone_is_not_mc(verdicts: dict[str, Independent]) -> None:
    # The NAME and SRP variants keep the five flagged table values of main.
    for variant in ("name", "srp", "dry"):
        mc = verdicts[variant].metrics["clang-tidy"]["magic_numbers"]
        assert mc == {"parent": 5, "variant": 5}
        assert Principle.MC not in verdicts[variant].confirmed


def test_mc_counts_a_literal_the_table_already_had(verdicts: dict[str, Independent]) -> None:
    # 100 is in the coin table and also CENTS_PER_DOLLAR, now written out twice.
    mc = verdicts["mc"]
    assert mc.metrics["new"]["magic_numbers"] == ["100", "64"]
    assert mc.metrics["clang-tidy"]["magic_numbers"] == {"parent": 5, "variant": 9}


def test_name_lists_the_new_short_names(verdicts: dict[str, Independent]) -> None:
    assert verdicts["name"].metrics["new"]["short_names"] == [
        "a",
        "c",
        "k",
        "n2",
        "s",
        "u",
        "v",
        "x",
    ]
    assert verdicts["name"].disagrees([Principle.NAME, Principle.MC]) == [Principle.MC]


def test_srp_and_dry_figures(verdicts: dict[str, Independent]) -> None:
    srp = verdicts["srp"].metrics["lizard"]
    assert srp["functions"] == {"parent": 6, "variant": 4}
    assert srp["max_nloc"] == {"parent": 17, "variant": 29}
    dry = verdicts["dry"].metrics["jscpd"]
    assert dry["duplicated_tokens"] == {"parent": 25, "variant": 81}
    assert Principle.DRY not in verdicts["srp"].confirmed  # helpers called once: no copy


def test_a_one_line_paste_is_below_the_clone_minimum(verdicts: dict[str, Independent]) -> None:
    # A measured limit, kept visible: 15 duplicated tokens are under jscpd's 20.
    assert Principle.DRY not in verdicts["dry_one_line"].confirmed


def test_renaming_alone_is_not_dry() -> None:
    # jscpd pairs two blocks of this NAME variant that it did not pair in the parent (22
    # tokens); a renaming adds no token, so it is not read as copied code.
    pipeline = SCRIPTED
    parent, variant = (pipeline / "clean.c").read_text(), (pipeline / "name.c").read_text()
    out = judge(parent, variant)
    assert out.metrics["jscpd"]["duplicated_tokens"] == {"parent": 0, "variant": 22}
    assert out.confirmed == [Principle.NAME]


def test_one_batch_keeps_each_programs_figures_apart(tmp_path: Path) -> None:
    names = ["clean", "mc", "name"]
    together = measure([program(n) for n in names], tmp_path)
    for n in names:
        alone = measure([program(n)])[code_hash(program(n))]
        assert together[code_hash(program(n))] == alone
    rows = sqlite3.connect(tmp_path / FILE_NAME).execute("SELECT COUNT(*) FROM figures")
    assert rows.fetchone()[0] == 3
    again = measure([program(n) for n in names], tmp_path)  # from the cache
    assert again == together


def test_a_program_that_does_not_parse_gets_partial_figures() -> None:
    broken = "int main(void) { int x = 42 return x; }\n"
    fig = measure([broken])[code_hash(broken)]
    assert fig.clang_tidy.errors >= 1
