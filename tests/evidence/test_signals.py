"""The building blocks: literal values, name meaning, clone counting, function facts."""

from __future__ import annotations

import pytest

from generator.c.facts import analyse
from generator.c.literals import literal_key
from generator.c.words import is_meaningful, is_neutral
from generator.principles.dry.evidence import WINDOW, duplicated_tokens


@pytest.mark.parametrize("text", ["10", "10.0", "0xA", "012", "10u", "10UL", "1e1"])
def test_spellings_of_one_value_compare_equal(text: str) -> None:
    assert literal_key("number_literal", text) == "n:10"


def test_define_values() -> None:
    assert literal_key("preproc_arg", " (64) ") == "n:64"
    assert literal_key("preproc_arg", '"quit"') == 's:"quit"'
    assert literal_key("preproc_arg", "(W * H)") == ""


@pytest.mark.parametrize("name", ["a", "x", "tmp2", "f1", "doStuff", "data", "func1", "var_a"])
def test_vague_names(name: str) -> None:
    assert not is_meaningful(name)


@pytest.mark.parametrize(
    "name", ["count", "num_items", "MAX_LEN", "read_values", "fahrenheit", "len", "row", "numItems"]
)
def test_meaningful_names(name: str) -> None:
    assert is_meaningful(name)


@pytest.mark.parametrize("name", ["num1", "num2", "n1", "n3", "x2", "s1", "vec2", "row2"])
def test_numbered_short_names_are_vague(name: str) -> None:
    # the numbered names that fill student code (C-Pack-IPAs: num1, num2, n1, n2, n3)
    assert not is_meaningful(name)


@pytest.mark.parametrize("name", ["num", "vec", "str", "cont", "val", "aux", "res", "temp"])
def test_bare_catch_all_abbreviations_are_vague(name: str) -> None:
    assert not is_meaningful(name)


@pytest.mark.parametrize(
    "name", ["num_rows", "str_len", "vec_sum", "player1", "row_count", "sum", "max", "idx"]
)
def test_an_abbreviation_with_more_to_say_is_meaningful(name: str) -> None:
    assert is_meaningful(name)


@pytest.mark.parametrize("name", ["soma", "contador", "maior", "menor", "media", "quantidade"])
def test_names_in_other_languages_are_not_vague(name: str) -> None:
    # Portuguese for sum, counter, largest, smallest, mean, quantity
    assert is_meaningful(name)


def test_every_name_the_procedural_rename_draws_is_vague() -> None:
    from generator.principles.name.rule import FUNCTIONS, VARIABLES

    for name in [*VARIABLES, *FUNCTIONS]:
        assert not is_meaningful(name) and not is_neutral(name), name


def test_loop_indices_are_neutral() -> None:
    assert is_neutral("i") and is_neutral("j2")
    assert not is_neutral("x")


def test_clones_need_distance_and_variety() -> None:
    loop = "for ( int V = V ; V < V ; V ++ ) { V += V [ V ] ; }"
    block = loop.split()
    assert len(block) >= WINDOW
    assert duplicated_tokens([*block, "return", *block]) == 2 * len(block)
    assert duplicated_tokens(block) == 0
    table = ["V", ","] * 100
    assert duplicated_tokens(table) == 0  # data, not pasted code


def test_facts_of_a_small_program() -> None:
    facts = analyse(
        "#define LIMIT 10\n"
        "enum mode { OFF, ON = 5 };\n"
        "static const double RATE = 0.5;\n"
        "int scale(int v) { return v > LIMIT && v < 20 ? v * 3 : 0; }\n"
        'int main(void) { int t[] = {7, 8}; printf("%d\\n", scale(t[0])); return 0; }\n'
    )
    assert facts.constants == {"LIMIT": "n:10", "OFF": "n:0", "ON": "n:5", "RATE": "n:0.5"}
    keys = [lit.key for lit in facts.literals]
    assert "n:7" not in keys  # table entries are named by their array
    assert {"n:20", "n:3"} <= set(keys)
    assert [lit.io for lit in facts.literals if lit.kind == "string"] == [True]
    scale = facts.functions[0]
    assert scale.name == "scale"
    assert scale.decisions == 2  # the && and the ?:
    assert facts.functions[1].calls["scale"] == 1
    assert {"scale", "v", "t", "LIMIT", "OFF", "ON", "RATE", "mode"} <= facts.declared
    assert facts.uses("LIMIT") == 1 and facts.uses("RATE") == 0
