"""A labelled folder of real programs: `DIR/programs/*.c` with their labels in `DIR/gold.tsv`.

`gold.tsv` is tab-separated with a header `file DRY SRP MC NAME ...`: a column per principle,
each 0 or 1. Lower-case columns (`source`, `note`) are the labellers' own and are ignored; an
upper-case column that is no known principle is refused, since it is most likely a label
spelt wrong, and a label read as absent would score every detector wrongly.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigError
from generator.principles import Principle
from generator.twins import Twins, normalised

GOLD = "gold.tsv"
PROGRAMS = "programs"
LABELS: tuple[str, ...] = tuple(p.value for p in Principle)


@dataclass(frozen=True)
class RealProgram:
    file: str  # name inside programs/
    code: str
    labels: tuple[str, ...]  # in LABELS order
    line: int  # its line in gold.tsv, for messages


@dataclass(frozen=True)
class LabelledFolder:
    directory: Path
    programs: list[RealProgram]

    @property
    def name(self) -> str:
        return self.directory.resolve().name

    def row_id(self, program: RealProgram) -> str:
        """The program's id as a row: in an export's `real` split and in eval reports."""
        return f"real/{self.name}/{program.file}"


def _header(path: Path, header: list[str]) -> dict[str, int]:
    if not header or header[0].strip() != "file":
        raise ConfigError(f"{path}:1: the header must start with 'file' (got {header[:1]})")
    columns = {name.strip(): i for i, name in enumerate(header)}
    for name in columns:
        if name and name != "file" and name == name.upper() and name not in LABELS:
            raise ConfigError(
                f"{path}:1: unknown label column {name!r} (known: {', '.join(LABELS)}; "
                "lower-case columns such as 'note' are ignored)"
            )
    missing = [name for name in LABELS if name not in columns]
    if missing:
        raise ConfigError(f"{path}:1: no column for {', '.join(missing)}")
    return columns


def _labels(path: Path, line: int, row: list[str], columns: dict[str, int]) -> tuple[str, ...]:
    out = []
    for name in LABELS:
        value = row[columns[name]].strip() if columns[name] < len(row) else ""
        if value not in ("0", "1"):
            raise ConfigError(f"{path}:{line}: {name} must be 0 or 1, got {value!r}")
        if value == "1":
            out.append(name)
    return tuple(out)


def _read(path: Path, line: int, program: Path) -> str:
    if not program.is_file():
        raise ConfigError(f"{path}:{line}: no program {program}")
    try:
        return program.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return program.read_text(encoding="latin-1")  # a student's accents, not garbage


def load_folder(directory: Path) -> LabelledFolder:
    """Every labelled program, in gold.tsv's order; any flaw is an error naming file and line."""
    directory = Path(directory)
    path = directory / GOLD
    if not path.is_file():
        raise ConfigError(
            f"--real {directory}: no {GOLD} (a labelled folder holds {GOLD} and {PROGRAMS}/*.c)"
        )
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    columns = _header(path, rows[0] if rows else [])
    programs: list[RealProgram] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        name = row[0].strip()
        if name in seen:
            raise ConfigError(
                f"{path}:{line}: {name} is labelled again (first on line {seen[name]})"
            )
        seen[name] = line
        labels = _labels(path, line, row, columns)
        code = _read(path, line, directory / PROGRAMS / name)
        programs.append(RealProgram(name, code, labels, line))
    if not programs:
        raise ConfigError(f"{path}: no labelled program")
    unlabelled = sorted(p.name for p in (directory / PROGRAMS).glob("*.c") if p.name not in seen)
    if unlabelled:
        raise ConfigError(
            f"{path}: {directory / PROGRAMS / unlabelled[0]} has no line here"
            f" ({len(unlabelled)} unlabelled program(s))"
        )
    return LabelledFolder(directory, programs)


def check_disjoint(folder: LabelledFolder, synthetic: dict[str, str]) -> None:
    """Refuse a folder one of whose programs, or a near twin of it (a resubmission with a
    few lines changed), is also in train or test: it would measure nothing. `synthetic`
    maps the id of every train and test row to its code."""
    gold = folder.directory / GOLD
    twins = Twins.of(synthetic.items())
    for program in folder.programs:
        row = twins.twin(program.code)
        if row is not None:
            same = normalised(synthetic[row]) == normalised(program.code)
            raise ConfigError(
                f"{gold}:{program.line}: {program.file} is also the export's row {row!r}"
                f"{'' if same else ' (a near twin)'}; a real program must never be in train"
                " or test (build the data with `problems import --exclude` this folder)"
            )
