"""Deterministic repairs of trivial defects, applied before spending an LLM fix on them.

Only edits that cannot change a correct program's behaviour:
- a standard header that a used function needs;
- a variable named like a function it calls (`double average = average(m, n);`), renamed;
- a function called before it is declared, given a prototype;
- a `#define` of a brace list indexed like an array (`NUMBERS[i]`), made a const array.
The last three fire only on code that cannot compile as it is.

The rename and the prototype are the 1.5B model's commonest compile errors in clean
solutions, and asked to fix them it returned the same program in most rounds
(docs/decisions.md, "No clean fix rounds on the embedded model").
Each repair is recorded on the sample.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from generator.c import syntax
from generator.c.program import Program
from generator.c.syntax import COMMENTS_STRINGS, declared_names, fresh, text, walk

# header -> identifiers whose use without the header is the classic small-model slip
HEADERS: dict[str, tuple[str, ...]] = {
    "stdio.h": (
        "printf",
        "scanf",
        "fgets",
        "puts",
        "putchar",
        "getchar",
        "fprintf",
        "sscanf",
        "snprintf",
        "sprintf",
        "fputs",
        "stdin",
        "stdout",
        "stderr",
        "EOF",
    ),
    "stdlib.h": (
        "malloc",
        "calloc",
        "realloc",
        "free",
        "atoi",
        "atof",
        "strtol",
        "strtod",
        "qsort",
        "exit",
        "abs",
        "EXIT_SUCCESS",
        "EXIT_FAILURE",
    ),
    "string.h": (
        "strlen",
        "strcpy",
        "strncpy",
        "strcmp",
        "strncmp",
        "strcat",
        "strncat",
        "strchr",
        "strrchr",
        "strstr",
        "memset",
        "memcpy",
        "memmove",
        "strcspn",
        "strtok",
    ),
    "math.h": ("sqrt", "pow", "fabs", "floor", "ceil", "round", "log", "exp", "sin", "cos"),
    "ctype.h": (
        "isdigit",
        "isalpha",
        "isalnum",
        "isspace",
        "isupper",
        "islower",
        "toupper",
        "tolower",
        "ispunct",
    ),
    "stdbool.h": ("bool", "true", "false"),
    "limits.h": ("INT_MAX", "INT_MIN", "LONG_MAX", "LONG_MIN", "CHAR_MAX", "UINT_MAX"),
    "stddef.h": ("size_t", "NULL"),
}
INCLUDE = re.compile(r"^\s*#\s*include\s*[<\"]([^>\"]+)[>\"]", re.MULTILINE)
# Headers that already make the names above visible in practice.
IMPLIED = {"stddef.h": ("stdio.h", "stdlib.h", "string.h")}


def missing_includes(code: str) -> list[str]:
    included = set(INCLUDE.findall(code))
    body = COMMENTS_STRINGS.sub(" ", code)
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", body))
    out = []
    for header, names in HEADERS.items():
        if header in included or any(h in included for h in IMPLIED.get(header, ())):
            continue
        if words.intersection(names):
            out.append(header)
    return out


def repair(program: Program) -> tuple[Program, list[str]]:
    """The repaired program and the repairs made (none: the same program, not parsed again).
    Each repair reads the tree of the program before it; only one that changes it parses."""
    done: list[str] = []
    headers = missing_includes(program.code)
    if headers:
        program = Program("".join(f"#include <{h}>\n" for h in headers) + program.code)
        done += [f"added #include <{h}>" for h in headers]
    for fix in (unshadow, declare_before_use, list_macros):
        code, made = fix(program)
        if made:
            program = Program(code)
        done += made
    return program, done


def unshadow(program: Program) -> tuple[str, list[str]]:
    """Rename a local or parameter that hides a function the same body calls: gcc stops at
    "called object is not a function". The calls keep the function's name."""
    code = program.code
    edits: list[tuple[int, int, str]] = []
    done: list[str] = []
    for owner, function in program.functions.items():
        declared = declared_names(function, functions=False)  # a pointer may well be called
        for name in sorted(declared & set(program.functions) - {owner}):
            callees = {c.child_by_field_name("function") for c in syntax.calls(function, name)}
            if not callees:
                continue
            new = fresh(f"{name}_result", program.words)  # one body: one scope
            edits += [
                (n.start_byte, n.end_byte, new)
                for n in walk(function)
                if n.type == "identifier" and text(n) == name and n not in callees
            ]
            done.append(f"renamed {name} to {new} in {owner}: it hid the function {name}")
    return (syntax.replace_spans(code, edits), done) if edits else (code, [])


def declare_before_use(program: Program) -> tuple[str, list[str]]:
    """Give a prototype to each function called above its definition with none before the
    call (an implicit declaration, an error in C11), just above the first caller."""
    code = program.code
    first_call: dict[str, int] = {}  # name -> start of the top-level node that calls it first
    for top in program.root.children:
        for n in walk(top):
            if n.type == "call_expression":
                first_call.setdefault(text(n.child_by_field_name("function")), top.start_byte)
    needed = []
    for name, definition in program.functions.items():
        at = first_call.get(name, definition.start_byte)
        declared = [p.start_byte for p in syntax.prototypes(program.root, name)]
        if at < definition.start_byte and not any(p < at for p in declared):
            needed.append((at, name))
    if not needed:
        return code, []
    block = "".join(f"{_signature(code, program.functions[n])}\n" for _, n in needed) + "\n"
    done = [f"declared {name} before its first use" for _, name in needed]
    return syntax.replace_spans(code, [(min(needed)[0], min(needed)[0], block)]), done


def _signature(code: str, definition: Node) -> str:
    body = definition.child_by_field_name("body")
    end = body.start_byte if body is not None else definition.end_byte
    head = code.encode("utf-8", "replace")[definition.start_byte : end]
    return " ".join(head.decode("utf-8", "replace").split()) + ";"


BRACE_DEFINE = re.compile(
    r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+\{([^{}\n]*)\}[ \t]*$", re.MULTILINE
)
INTEGER = re.compile(r"^[+-]?\d+[uUlL]*$")
FLOATING = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?[fF]?$")


def list_macros(program: Program) -> tuple[str, list[str]]:
    """`#define NUMBERS {2, 3, 5}` read as `NUMBERS[i]` expands to `{2, 3, 5}[i]`, a syntax
    error: when every use is indexed, the macro becomes the array it was meant to be."""
    code = program.code
    edits: list[tuple[int, int, str]] = []
    done: list[str] = []
    for m in BRACE_DEFINE.finditer(code):
        name, items = m[1], [i.strip() for i in m[2].split(",") if i.strip()]
        rest = COMMENTS_STRINGS.sub(" ", code[: m.start()] + code[m.end() :])
        uses = re.findall(rf"\b{name}\b(\s*\[)?", rest)
        if not items or not uses or not all(uses):
            continue
        if all(INTEGER.match(i) for i in items):
            kind = "int"
        elif all(FLOATING.match(i) for i in items):
            kind = "double"
        else:
            continue
        at, to = len(code[: m.start()].encode()), len(code[: m.end()].encode())
        edits.append((at, to, f"static const {kind} {name}[] = {{{', '.join(items)}}};"))
        done.append(f"made the brace-list macro {name} a const {kind} array: it is indexed")
    return (syntax.replace_spans(code, edits), done) if edits else (code, [])
