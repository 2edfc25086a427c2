"""A labelled folder of real programs: read as it is, refused with file and line when flawed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.detectors.folder import check_disjoint, load_folder
from generator.errors import ConfigError

PROGRAM = "int main(void) {{ return {n}; }}\n"


def folder(tmp: Path, lines: list[str], programs: dict[str, str] | None = None) -> Path:
    """`lines`: gold.tsv after its header; `programs`: file -> code (default: one per line)."""
    d = tmp / "real"
    (d / "programs").mkdir(parents=True)
    header = "file\tDRY\tSRP\tMC\tNAME\tsource\tnote"
    (d / "gold.tsv").write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    names = programs or {
        line.split("\t")[0]: PROGRAM.format(n=i) for i, line in enumerate(lines) if line
    }
    for name, code in names.items():
        (d / "programs" / name).write_text(code, encoding="utf-8")
    return d


def test_a_folder_is_read_with_its_labels_and_extra_columns_ignored(tmp_path: Path) -> None:
    d = folder(tmp_path, ["a.c\t0\t0\t1\t1\tagreed\tx is a sum", "b.c\t1\t0\t0\t0\tadjudicated\t"])
    got = load_folder(d)
    assert [(p.file, p.labels, p.line) for p in got.programs] == [
        ("a.c", ("MC", "NAME"), 2),
        ("b.c", ("DRY",), 3),
    ]
    assert got.programs[0].code == PROGRAM.format(n=0)


@pytest.mark.parametrize(
    ("lines", "programs", "message"),
    [
        (["a.c\t0\t0\t0\t0\t\t", "b.c\t0\t0\t0\t0\t\t"], {"a.c": "int x;"}, r"tsv:3: no program"),
        (["a.c\t0\t2\t0\t0\t\t"], None, r"gold.tsv:2: SRP must be 0 or 1, got '2'"),
        (["a.c\t0\t0\t\t0\t\t"], None, r"gold.tsv:2: MC must be 0 or 1, got ''"),
        (["a.c\t0\t0\t0\t0\t\t", "a.c\t1\t0\t0\t0\t\t"], None, r"tsv:3: a.c is labelled again"),
        (["a.c\t0\t0\t0\t0\t\t"], {"a.c": "int a;", "z.c": "int z;"}, r"z.c has no line"),
    ],
)
def test_a_flawed_folder_is_refused_naming_file_and_line(
    tmp_path: Path, lines: list[str], programs: dict[str, str] | None, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_folder(folder(tmp_path, lines, programs))


def test_an_unknown_or_missing_label_column_is_refused(tmp_path: Path) -> None:
    d = folder(tmp_path, ["a.c\t0\t0\t0\t0\t\t"])
    (d / "gold.tsv").write_text("file\tDRY\tSRP\tMC\tNAMES\na.c\t0\t0\t0\t0\n")
    with pytest.raises(ConfigError, match=r"gold.tsv:1: unknown label column 'NAMES'"):
        load_folder(d)
    (d / "gold.tsv").write_text("file\tDRY\tSRP\tMC\na.c\t0\t0\t0\n")
    with pytest.raises(ConfigError, match=r"gold.tsv:1: no column for NAME"):
        load_folder(d)
    (d / "gold.tsv").unlink()
    with pytest.raises(ConfigError, match=r"no gold.tsv"):
        load_folder(d)


def test_a_program_also_in_the_export_is_refused(tmp_path: Path) -> None:
    got = load_folder(folder(tmp_path, ["a.c\t0\t0\t0\t0\t\t", "b.c\t0\t0\t0\t0\t\t"]))
    spaced = PROGRAM.format(n=1).replace(" ", "  ")  # the same program, laid out otherwise
    with pytest.raises(ConfigError, match=r"gold.tsv:3: b.c is also the export's row 'p/c0'"):
        check_disjoint(got, {"p/c0": spaced})
    check_disjoint(got, {"p/c0": "int main(void) { return 7; }"})


LONG = (
    "#include <stdio.h>\n\nint main(void)\n{{\n    int n, total = 0;\n"
    '    scanf("%d", &n);\n    for (int i = 1; i <= n; i++) {{\n        total += i * i;\n'
    '    }}\n    printf("{text}%d\\n", total);\n    return 0;\n}}\n'
)


def test_a_near_twin_in_the_export_is_refused(tmp_path: Path) -> None:
    """A resubmission with one line changed is the same program to a detector."""
    d = folder(tmp_path, ["a.c\t0\t0\t0\t0\t\t"], {"a.c": LONG.format(text="")})
    got = load_folder(d)
    with pytest.raises(ConfigError, match=r"a.c is also the export's row 'p/c1' \(a near twin\)"):
        check_disjoint(got, {"p/c1": LONG.format(text="sum: ")})
    other = "int main(void)\n{\n    int v = 3;\n    return v * 2;\n}\n"
    check_disjoint(got, {"p/c1": other})
