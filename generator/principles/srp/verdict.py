"""SRP on one program: one function doing several jobs a reviewer would split.

Flagged: a function past `FLAGGED` in size, where size is its statements plus three per
branch point (reading, computing and printing interleaved make both grow); a helper that
both reads input and writes output; a helper whose name says one job that is not output
(`apagaCaracter`, `sort_list`) but which prints as well; a helper whose name joins two jobs
(`read_and_give_max`). Let pass: a tiny program all in `main`, and helpers named for what
they print (`piramide`, `print_graph`), whose printing is their one job.
"""

from __future__ import annotations

from generator.c.facts import Function
from generator.c.program import Program
from generator.c.words import parts
from generator.principles import Principle
from generator.principles.verdict import Verdict

INPUT = frozenset(["scanf", "getchar", "fgets", "gets", "getc", "fscanf"])
OUTPUT = frozenset(["printf", "putchar", "puts", "fputs", "fprintf"])
BRANCH_WEIGHT = 3
FLAGGED = 50  # statements + 3 per branch point, in one function
# First words of helper names that say a job other than output, English and Portuguese
# (the languages of the course this was measured on).
_JOBS = """
apaga apagar erase remove remover delete del sort ordena ordenar calc calcula calcular
compute conta contar count inverte inverter reverse converte converter convert substitui
replace init inicia iniciar initialize initialise fill preenche preencher copy copia copiar
find encontra procura search busca check verifica swap troca update atualiza clear limpa
filter filtra get give le ler read parse store guarda add insere insert
"""
JOBS = frozenset(_JOBS.split())
JOINS = frozenset(["and", "e"])  # `read_and_sum`, `le_e_soma`
# A function whose input and output show one job is judged at twice the size: a helper that
# only prints (`cruz` draws a cross), or a filter that copies characters from getchar to
# putchar (reviewers: "a single char-filter state machine, so SRP not flagged").
ONE_JOB = 2
CHAR_IN = frozenset(["getchar", "getc"])
CHAR_OUT = frozenset(["putchar", "putc"])


def verdict(program: Program) -> Verdict:
    reasons = []
    worst = 0.0
    for f in program.facts.functions:
        size = f.statements + BRANCH_WEIGHT * f.decisions
        line = FLAGGED * (ONE_JOB if _one_job(f) else 1)
        worst = max(worst, size / line)
        if size >= line:
            reasons.append(
                f"{f.name} holds {f.statements} statements and {f.decisions} branch points"
            )
        if f.name != "main" and (reason := _two_jobs(f)):
            worst = max(worst, 1.0)
            reasons.append(f"{f.name} {reason}")
    return Verdict(Principle.SRP, worst, reasons)


def _one_job(f: Function) -> bool:
    """Whether what `f` reads and writes shows one job: output alone in a helper, or
    characters copied from input to output."""
    called = {c for c, n in f.calls.items() if n}
    if f.name != "main" and called and called <= OUTPUT | CHAR_OUT:
        return True  # calls nothing but output: it draws or prints, whatever its length
    reads, writes = called & INPUT, called & (OUTPUT | CHAR_OUT)
    return bool(reads) and reads <= CHAR_IN and writes <= CHAR_OUT


def _two_jobs(f: Function) -> str | None:
    """Why the helper `f` does two jobs, or None."""
    reads = any(f.calls[c] for c in INPUT)
    writes = any(f.calls[c] for c in OUTPUT)
    words = parts(f.name)
    if reads and writes and f.decisions:
        return "reads input, computes and prints"
    if any(w in JOINS for w in words[1:-1]):
        return "says two jobs in its name"
    if writes and words and words[0] in JOBS:
        return f"prints as well as doing what its name says ({words[0]})"
    return None
