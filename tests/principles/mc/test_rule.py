"""MC's procedural transforms on small programs: what each offers, the exact code it writes,
what it must not offer, the evidence confirming it as MC and nothing else, and every
variant built and run in the sandbox printing what its parent prints."""

from __future__ import annotations

from random import Random

from generator.c.facts import analyse
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, rule
from generator.principles.check import check
from generator.principles.mc import rule as mc
from generator.principles.mc import ways as mc_ways
from generator.principles.mc.evidence import check_mc
from tests.principles import sandboxed
from tests.principles.mc import fixtures as fx

RULE = rule(Principle.MC)


def made(code: str, transform: str, inlined: str | None = None) -> Edit:
    """The edit the first seed gives with `transform` (and `inlined` among what it wrote)."""
    for seed in range(64):
        edit = RULE.procedural(Program(code), Random(seed))
        if not isinstance(edit, Edit) or edit.transform != transform:
            continue
        if inlined is None or inlined in edit.details["inlined"]:
            return edit
    raise AssertionError(f"no seed makes {transform} {inlined or ''}")


def transforms(code: str) -> set[str]:
    return {
        e.transform
        for s in range(64)
        if isinstance(e := mc.procedural(Program(code), Random(s)), Edit)
    }


def only_mc(parent: str, variant: str) -> bool:
    ev = check(Program(parent), Program(variant), Principle.MC)
    others = {p for p in Principle if p != Principle.MC and ev.metrics[p.value]["confirmed"]}
    return ev.confirmed and not others and not ev.collateral


def test_targets_and_not_applicable_with_the_reason() -> None:
    assert RULE.targets(Program(fx.ENUM)) == ["LOW", "MEDIUM", "HIGH"]
    assert RULE.targets(Program(fx.LENGTH)) == ["SLOTS"]
    made = RULE.procedural(Program(fx.BARE), Random(0))
    assert isinstance(made, NotApplicable) and made.reason == mc.WHY_NOT
    assert "never assigned" in mc.WHY_NOT and "array length" in mc.WHY_NOT


def test_a_constant_named_through_another_is_inlined_with_its_value() -> None:
    program = Program(fx.ALIAS)
    assert program.facts.constants["ARRAY_SIZE"] == program.facts.constants["MAX_NUMBERS"]
    assert RULE.targets(program) == ["ARRAY_SIZE"]  # MAX_NUMBERS is used by no code
    edit = made(fx.ALIAS, "inline_constants")
    assert edit.details["inlined"] == {"ARRAY_SIZE": "6"}
    # both definitions go: nothing names MAX_NUMBERS once ARRAY_SIZE is written out
    assert "#define" not in edit.code and "int values[6]" in edit.code
    assert "i < 6" in edit.code and "6 - 1" in edit.code
    assert only_mc(fx.ALIAS, edit.code)
    printed = sandboxed.printed([fx.ALIAS, edit.code], fx.ALIAS_INPUTS)
    assert printed[edit.code] == printed[fx.ALIAS] == ["8: 3 of 5\n4: -1 of 5\n", "21: 5 of 5\n"]


def test_inline_enum_writes_the_numbers_and_drops_the_unused_enum() -> None:
    edit = made(fx.ENUM, "inline_enum")
    assert edit.details == {"enum": "Level", "inlined": {"LOW": "10", "MEDIUM": "20", "HIGH": "30"}}
    assert edit.code == fx.ENUM.replace(
        "enum Level { LOW = 10, MEDIUM = 20, HIGH = 30 };\n\n", ""
    ).replace("HIGH", "30").replace("MEDIUM", "20").replace("LOW", "10")
    assert only_mc(fx.ENUM, edit.code)


def test_an_enum_of_values_the_check_ignores_is_not_offered() -> None:
    assert "inline_enum" not in transforms(fx.SMALL_ENUM)  # LEFT, RIGHT are 0 and 1
    assert mc_ways.enum_edits(Program(fx.SMALL_ENUM)) == []


def test_inline_local_writes_the_literal_and_drops_the_declaration() -> None:
    limit = made(fx.LOCAL, "inline_local", "limit")
    assert limit.details == {"function": "main", "inlined": {"limit": "30"}}
    assert limit.code == fx.LOCAL.replace("    int limit = 30;\n", "").replace("limit", "30")
    rate = made(fx.LOCAL, "inline_local", "rate")
    assert rate.code == fx.LOCAL.replace("    const double rate = 0.25;\n", "").replace(
        "* rate", "* 0.25"
    )
    assert only_mc(fx.LOCAL, limit.code) and only_mc(fx.LOCAL, rate.code)
    # `count` starts at 0 and is stepped: a variable, not a name for a value
    assert {e.details["inlined"].popitem()[0] for e in mc_ways.local_edits(Program(fx.LOCAL))} == {
        "limit",
        "rate",
    }


def test_fold_constant_writes_the_computed_value_and_only_int_expressions() -> None:
    edit = made(fx.FOLD, "fold_constant")
    assert edit.details["inlined"] == {"SECONDS_PER_DAY": "86400"}
    assert edit.code == (
        fx.FOLD.replace("#define SECONDS_PER_MINUTE 60\n", "")
        .replace("#define SECONDS_PER_DAY (24 * 60 * SECONDS_PER_MINUTE)\n", "")
        .replace("days * SECONDS_PER_DAY", "days * 86400")
    )
    assert only_mc(fx.FOLD, edit.code)
    # 65536 * 65536 overflows an int; 3.0 / 4 is a double: neither is folded
    assert [e.details["inlined"] for e in mc_ways.fold_edits(Program(fx.FOLD))] == [
        {"SECONDS_PER_DAY": "86400"}
    ]
    assert mc_ways._fold("(65536 * 65536)") is None and mc_ways._fold("(3.0 / 4)") is None
    assert mc_ways._fold("(-7 / 2)") == -3 and mc_ways._fold("(-7 % 2)") == -1  # C truncates


def test_literal_length_writes_the_count_where_an_int_means_the_same() -> None:
    counted = made(fx.LENGTH, "literal_length", "sizeof(weights) / sizeof(weights[0])")
    assert counted.details["inlined"] == {"sizeof(weights) / sizeof(weights[0])": "4"}
    # the argument of sum() is written out; printf's %zu keeps its size_t
    assert counted.code == fx.LENGTH.replace(
        "sum(weights, sizeof(weights) / sizeof(weights[0]))", "sum(weights, 4)"
    )
    named = made(fx.LENGTH, "literal_length", "SLOTS")
    assert named.code == fx.LENGTH.replace("#define SLOTS 6\n\n", "").replace("SLOTS", "6")
    assert only_mc(fx.LENGTH, counted.code) and only_mc(fx.LENGTH, named.code)
    assert transforms(fx.LENGTH) == {"inline_constants", "literal_length"}


def test_the_check_counts_a_never_assigned_local_as_a_named_value() -> None:
    facts = analyse(fx.LOCAL)
    assert facts.named_locals == {"limit": "n:30"}  # `count` is stepped, `minutes` read
    assert "n:30" not in {lit.key for lit in facts.literals}
    renamed = fx.LOCAL.replace("limit", "cap")
    assert not check_mc(facts, analyse(renamed)).confirmed  # a rename names it still
    inlined = made(fx.LOCAL, "inline_local", "limit").code
    assert check_mc(facts, analyse(inlined)).details["inlined_constants"] == {"limit": "30"}


def test_another_principles_edit_is_not_confirmed_as_mc() -> None:
    for code in (fx.LOCAL, fx.ENUM, fx.LENGTH):
        edit = rule(Principle.NAME).procedural(Program(code), Random(3))
        assert isinstance(edit, Edit)
        ev = check(Program(code), Program(edit.code), Principle.NAME)
        assert ev.confirmed and not ev.metrics["MC"]["confirmed"], ev.metrics["MC"]


def test_every_transform_builds_and_prints_what_its_parent_prints() -> None:
    pairs = [
        (parent, edit)
        for parent, edits in (
            (fx.ENUM, mc_ways.enum_edits),
            (fx.LOCAL, mc_ways.local_edits),
            (fx.FOLD, mc_ways.fold_edits),
            (fx.LENGTH, mc_ways.length_edits),
        )
        for edit in edits(Program(parent))
    ]
    assert {e.transform for _, e in pairs} == set(mc.TRANSFORMS) - {"inline_constants"}
    printed = sandboxed.printed(
        [c for parent, edit in pairs for c in (parent, edit.code)], fx.INPUTS
    )
    for parent, edit in pairs:
        assert printed[edit.code] == printed[parent], (edit.transform, edit.details)
