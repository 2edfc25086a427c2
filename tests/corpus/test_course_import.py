"""`declean problems import`: a tiny course written here in C-Pack-IPAs' layout (no file of
a real course), what the import writes from it, and every bad layout as one line naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.course import MARK, import_course
from generator.errors import ConfigError
from generator.problems import load_problems
from tests.needs import needs

DECLEAN = str(Path(sys.executable).parent / "declean")

LAB01 = """# Lab 01 - Numbers

Two small programs.

## Ex01 - Sum

Read two integers and print their sum.

## Ex02 - Larger

Read two integers `A, B` and print the larger.

*Hint:* one `if` is enough.
"""

# Laid out like the course's Lab04: `###` exercises under a `#` part, and a code block whose
# `#include` line must not be taken for a heading.
LAB02 = """# Lab 02 - Loops

## Drawing

### Ex01 - Stars

Read `N` and print `N` stars on one line, like this program does:

```
#include <stdio.h>
```

# Another part

Not a part of Ex01.
"""

SUM = '#include <stdio.h>\nint main(void) {\n    int a, b;\n    if (scanf("%d %d", &a, &b) != 2) return 1;\n    printf("%d\\n", a + b);\n    return 0;\n}\n'  # noqa: E501
SUM_2 = '#include <stdio.h>\nint main(void) { int x = 0, y = 0; if (scanf("%d%d", &x, &y) != 2) return 1; printf("%d\\n", y + x); return 0; }\n'  # noqa: E501
BROKEN = '#include <stdio.h>\nint main(void) {\n    printf("%d\\n", 1 +);\n    return 0;\n}\n'
MAX = '#include <stdio.h>\nint main(void) {\n    int a, b;\n    if (scanf("%d %d", &a, &b) != 2) return 1;\n    printf("%d\\n", a > b ? a : b);\n    return 0;\n}\n'  # noqa: E501
MAX_2 = '#include <stdio.h>\nint main(void) {\n    int a, b;\n    if (scanf("%d %d", &a, &b) != 2) return 1;\n    if (a < b) a = b;\n    printf("%d\\n", a);\n    return 0;\n}\n'  # noqa: E501
LABELLED = '#include <stdio.h>\nint main(void) {\n  int p, q;\n  if (scanf("%d %d", &p, &q) != 2) return 1;\n  if (p > q) printf("%d\\n", p); else printf("%d\\n", q);\n  return 0;\n}\n'  # noqa: E501
STARS = "#include <stdio.h>\nint main(void) {\n    int n, i;\n    if (scanf(\"%d\", &n) != 1) return 1;\n    for (i = 0; i < n; i++) putchar('*');\n    putchar('\\n');\n    return 0;\n}\n"  # noqa: E501
STARS_2 = '#include <stdio.h>\nint main(void) {\n    int n;\n    if (scanf("%d", &n) != 1) return 1;\n    while (n-- > 0) printf("*");\n    printf("\\n");\n    return 0;\n}\n'  # noqa: E501


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def tiny_course(tmp: Path) -> Path:
    """2 labs, 3 exercises; lab01/ex01 holds a program that does not compile and a copy of
    another with other spacing, lab01/ex02 a copy of the labelled program of `labelled()`."""
    subs = "correct_submissions"
    return write(
        tmp / "course",
        {
            "IPAs_description/Lab01.md": LAB01,
            "IPAs_description/Lab02.md": LAB02,
            "tests/lab01/ex01/ex01_0.in": "1 2\n",
            "tests/lab01/ex01/ex01_0.out": "3\n",
            "tests/lab01/ex01/ex01_1.in": "5 5\n",
            "tests/lab01/ex01/ex01_1.out": "10\n",
            "tests/lab01/ex02/ex02_0.in": "1 2\n",
            "tests/lab01/ex02/ex02_0.out": "2\n",
            "tests/lab01/Makefile": "all:\n",  # the course keeps one: not an exercise
            # K in number order: 2 before 10
            "tests/lab02/ex01/ex01_10.in": "3\n",
            "tests/lab02/ex01/ex01_10.out": "***\n",
            "tests/lab02/ex01/ex01_2.in": "1\n",
            "tests/lab02/ex01/ex01_2.out": "*\n",
            "reference_implementations/lab01/ex01.c": SUM,
            "reference_implementations/lab01/ex02.c": MAX,
            "reference_implementations/lab02/ex01.c": STARS,
            f"{subs}/year-1/lab01/ex01/ex01-stu_1-sub_1.c": SUM,
            f"{subs}/year-1/lab01/ex01/ex01-stu_2-sub_1.c": SUM_2,
            f"{subs}/year-1/lab01/ex01/ex01-stu_3-sub_1.c": BROKEN,
            f"{subs}/year-2/lab01/ex01/ex01-stu_4-sub_1.c": SUM.replace("    ", "\t"),
            f"{subs}/year-1/lab01/ex02/ex02-stu_1-sub_1.c": MAX,
            f"{subs}/year-1/lab01/ex02/ex02-stu_2-sub_2.c": MAX_2,
            f"{subs}/year-2/lab01/ex02/ex02-stu_5-sub_1.c": LABELLED.replace("  ", " "),
            f"{subs}/year-1/lab02/ex01/ex01-stu_1-sub_1.c": STARS,
            f"{subs}/year-2/lab02/ex01/ex01-stu_2-sub_3.c": STARS_2,
        },
    )


def labelled(tmp: Path) -> Path:
    """A labelled evaluation folder: its programs must never become roots."""
    return write(tmp / "labelled", {"programs/d000.c": LABELLED, "gold.tsv": "file\n"})


def test_a_course_becomes_problems_references_and_roots(tmp_path: Path) -> None:
    course, out = tiny_course(tmp_path), tmp_path / "out"
    summary = import_course(course, out, exclude=[labelled(tmp_path)])
    assert summary.line() == (
        "imported 3 problems, 6 roots; skipped 3: 1 not compiling, 1 duplicate text, 1 excluded"
    )
    problems = {p.id: p for p in load_problems(out / "problems")}
    assert sorted(problems) == ["ipas-lab01-ex01", "ipas-lab01-ex02", "ipas-lab02-ex01"]
    ex01 = problems["ipas-lab01-ex01"]
    assert (ex01.title, ex01.statement) == ("Sum", "Read two integers and print their sum.\n")
    assert ex01.tags == ["ipas", "lab01"]
    assert (ex01.inputs, ex01.expected) == (["1 2\n", "5 5\n"], ["3\n", "10\n"])
    assert problems["ipas-lab01-ex02"].statement.endswith("*Hint:* one `if` is enough.\n")
    stars = problems["ipas-lab02-ex01"]
    assert stars.title == "Stars" and "#include <stdio.h>" in stars.statement
    assert "Another part" not in stars.statement
    assert (stars.inputs, stars.expected) == (["1\n", "3\n"], ["*\n", "***\n"])
    assert (out / "reference" / "ipas-lab01-ex02.c").read_text() == MAX
    roots = {p.parent.name: [] for p in (out / "roots").glob("*/*.c")}
    for p in sorted((out / "roots").glob("*/*.c")):
        roots[p.parent.name].append(p.name)
    assert roots == {
        "ipas-lab01-ex01": ["year-1-ex01-stu_1-sub_1.c", "year-1-ex01-stu_2-sub_1.c"],
        "ipas-lab01-ex02": ["year-1-ex02-stu_1-sub_1.c", "year-1-ex02-stu_2-sub_2.c"],
        "ipas-lab02-ex01": ["year-1-ex01-stu_1-sub_1.c", "year-2-ex01-stu_2-sub_3.c"],
    }
    assert (out / "roots" / "ipas-lab01-ex01" / "year-1-ex01-stu_2-sub_1.c").read_text() == SUM_2


def test_import_again_replaces_the_earlier_import_whole(tmp_path: Path) -> None:
    course, out = tiny_course(tmp_path), tmp_path / "out"
    import_course(course, out, prefix="c1")
    summary = import_course(course, out, prefix="c1", exclude=[labelled(tmp_path)])
    assert summary.roots == 6 and (out / MARK).is_file()
    assert not (out / "roots" / "c1-lab01-ex02" / "year-2-ex02-stu_5-sub_1.c").exists()


def test_the_command_prints_the_summary(tmp_path: Path) -> None:
    course = tiny_course(tmp_path)
    out = run_import(str(course), "--out", str(tmp_path / "out"), "--prefix", "tiny")
    assert out.returncode == 0, out.stderr
    assert "imported 3 problems, 7 roots; skipped 2: 1 not compiling, 1 duplicate text" in (
        out.stdout
    )
    assert (tmp_path / "out" / "problems" / "tiny-lab01-ex01.yaml").is_file()


@needs("sandbox")  # `declean problems import` builds every root in a sandbox
def run_import(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DECLEAN, "problems", "import", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def broken(tmp: Path, change: str) -> tuple[Path, str]:
    """The tiny course with one thing wrong, and the file the error must name."""
    course = tiny_course(tmp)
    if change == "missing .out":
        (course / "tests/lab01/ex02/ex02_1.in").write_text("4 3\n")
        return course, str(course / "tests/lab01/ex02/ex02_1.in")
    if change == "tests without a text":
        write(course, {"tests/lab02/ex02/ex02_0.in": "1\n", "tests/lab02/ex02/ex02_0.out": "1\n"})
        return course, str(course / "tests/lab02/ex02")
    if change == "submissions without a text":
        write(course, {"correct_submissions/year-1/lab01/ex07/a.c": SUM})
        return course, str(course / "correct_submissions/year-1/lab01/ex07")
    if change == "no LabNN.md":
        (course / "IPAs_description/Lab02.md").unlink()
        return course, str(course / "IPAs_description/Lab02.md")
    if change == "no texts at all":
        for md in (course / "IPAs_description").glob("*.md"):
            md.unlink()
        return course, str(course / "IPAs_description/Lab01.md")
    raise AssertionError(change)


@pytest.mark.parametrize(
    "change",
    [
        "missing .out",
        "tests without a text",
        "submissions without a text",
        "no LabNN.md",
        "no texts at all",
    ],
)
def test_a_bad_layout_is_one_line_naming_the_file(tmp_path: Path, change: str) -> None:
    course, where = broken(tmp_path, change)
    with pytest.raises(ConfigError) as err:
        import_course(course, tmp_path / "out")
    assert where in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "out").exists()  # nothing written, nothing compiled


def test_the_command_says_a_bad_layout_in_one_line(tmp_path: Path) -> None:
    course, where = broken(tmp_path, "missing .out")
    out = run_import(str(course), "--out", str(tmp_path / "out"))
    assert out.returncode == 1
    assert where in out.stderr and "Traceback" not in out.stderr


def test_a_course_never_goes_into_the_project(tmp_path: Path) -> None:
    course = tiny_course(tmp_path)
    repo = Path(__file__).resolve().parents[2]
    with pytest.raises(ConfigError, match="inside the project's tracked tree"):
        import_course(course, repo / "problems" / "ipas")
    with pytest.raises(ConfigError, match="a non-empty folder no import wrote"):
        import_course(course, write(tmp_path / "mine", {"notes.txt": "mine\n"}))


def test_an_exclude_folder_without_programs_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=rf"--exclude {tmp_path}: no programs/\*\.c"):
        import_course(tiny_course(tmp_path), tmp_path / "out", exclude=[tmp_path])


def test_a_near_twin_of_an_excluded_program_is_excluded_too(tmp_path: Path) -> None:
    from generator.course import excluded

    banned = excluded([labelled(tmp_path)])
    resubmitted = LABELLED.replace("return 0;", "return 0; /* done */")
    assert LABELLED in banned and resubmitted in banned  # a resubmission with a comment added
    assert MAX not in banned and SUM not in banned  # the course's other programs
