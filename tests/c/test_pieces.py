"""The pieces of a piecewise MC/NAME edit: cutting a program at top level and putting the
edited pieces back, the constants' values, and removing definitions nothing uses."""

from generator.c.pieces import (
    answer_for,
    constant_values,
    drop_unused_constants,
    identifiers,
    pieces,
    put_back,
    renaming,
    revert,
)
from generator.c.program import Program

CODE = """#include <stdio.h>

#define LIMIT 30
#define HALF (LIMIT / 2)
static const double RATE = 1.5;
typedef enum { LOW, HIGH = 5, TOP } Level;

static double scaled(int n)
{
    return n * RATE;
}

int main(void)
{
    int count = LIMIT;
    printf("count %d %.1f %d\\n", count, scaled(HALF), TOP);
    return 0;
}
"""


PROGRAM = Program(CODE)


def test_pieces_cut_at_top_level_and_keep_definitions_apart() -> None:
    parts = pieces(PROGRAM, fixed={"LIMIT", "RATE", "TOP"})
    shown = [(p.function, p.sendable, p.text.splitlines()[0]) for p in parts]
    assert shown == [
        (None, True, "#include <stdio.h>"),
        (None, False, "#define LIMIT 30"),
        (None, True, "#define HALF (LIMIT / 2)"),
        (None, False, "static const double RATE = 1.5;"),
        (None, False, "typedef enum { LOW, HIGH = 5, TOP } Level;"),
        ("scaled", True, "static double scaled(int n)"),
        ("main", True, "int main(void)"),
    ]
    # with nothing fixed (NAME), the declarations between functions are one piece
    assert [p.function for p in pieces(PROGRAM)] == [None, "scaled", "main"]
    assert all(CODE.encode()[p.start : p.end].decode() == p.text for p in parts)


def test_constant_values_are_written_out() -> None:
    assert constant_values(PROGRAM) == {
        "LIMIT": "30",
        "HALF": "(30 / 2)",
        "RATE": "1.5",
        "LOW": "0",
        "HIGH": "5",
        "TOP": "6",
    }


def test_identifiers_are_not_read_in_strings() -> None:
    names = identifiers(PROGRAM)
    assert {"count", "scaled", "RATE", "Level"} <= names
    assert "d" not in names  # "count %d ..." is text


def test_put_back_replaces_only_the_edited_pieces() -> None:
    parts = pieces(PROGRAM)
    scaled = next(p for p in parts if p.function == "scaled")
    edited = Program("static double scaled(int n)\n{\n    return n * 1.5;\n}\n")
    out = put_back(PROGRAM, {scaled.start: edited}, parts)
    assert out.code == CODE.replace("return n * RATE;", "return n * 1.5;")


def test_answer_for_finds_the_piece_in_a_longer_reply() -> None:
    parts = pieces(PROGRAM)
    scaled = next(p for p in parts if p.function == "scaled")
    whole = CODE.replace("scaled", "f1")
    assert answer_for(whole, scaled, "f1") == "static double f1(int n)\n{\n    return n * RATE;\n}"
    assert answer_for(whole, scaled, "scaled") is None  # not renamed as asked
    declarations = parts[0]
    assert answer_for("typedef int Count;", declarations, None) == "typedef int Count;"
    assert answer_for(CODE, declarations, None) is None  # code where declarations were asked


def test_definitions_nothing_uses_are_dropped() -> None:
    inlined = CODE.replace("int count = LIMIT;", "int count = 30;").replace("n * RATE", "n * 1.5")
    out, gone = drop_unused_constants(Program(inlined), {"LIMIT", "RATE", "TOP"})
    # LIMIT is still used by HALF's body, TOP by main, and an enum stays whatever it holds
    assert gone == ["RATE"] and "RATE" not in out.code and "#define LIMIT 30" in out.code
    done = inlined.replace("scaled(HALF)", "scaled((30 / 2))")
    out, gone = drop_unused_constants(Program(done), {"LIMIT", "HALF", "RATE"})
    assert gone == ["HALF", "RATE", "LIMIT"]  # LIMIT was used only by HALF's body
    assert "#define" not in out.code and "typedef enum" in out.code
    kept = Program(CODE)
    assert drop_unused_constants(kept, {"LIMIT"}) == (kept, [])  # nothing to drop, no parse


def test_revert_spells_renamed_identifiers_the_old_way_but_not_text() -> None:
    renamed = 'int main(void)\n{\n    int b = f1(2);\n    printf("b f1 %d\\n", b);\n}\n'
    assert revert(Program(renamed), {"f1": "scaled", "b": "count"}).code == (
        'int main(void)\n{\n    int count = scaled(2);\n    printf("b f1 %d\\n", count);\n}\n'
    )


def test_renaming_is_read_off_two_versions_of_a_piece() -> None:
    before = (
        "int twice(int count)\n{\n    int total = count * 2;\n"
        '    printf("count %d\\n", total);\n    return total;\n}\n'
    )
    after = before.replace("count", "a").replace('"a %d', '"count %d').replace("total", "b")

    def renamed(after: str) -> dict[str, str] | None:
        return renaming(Program(before), Program(after))

    assert renamed(after) == {"count": "a", "total": "b"}
    assert renamed(before) == {}
    assert renamed(after.replace("* 2", "* 3")) is None  # not only names
    assert renamed(after.replace('"count %d', '"a %d')) is None  # text in quotes
    assert renamed(before.replace("total", "count")) is None  # two names merged
    assert renamed(before.replace("int total = count", "int total = x")) is None  # two ways
