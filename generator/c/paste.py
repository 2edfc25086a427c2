"""DRY and SRP edits as one small request per call line: paste a helper's body at a call.

A small model asked for the whole program, or for the caller, pastes nothing; asked only to
copy the body with the values in place, it does (docs/decisions.md, "The LLM editor asks for
small pieces"). So the model writes the body; this module puts the returned value where the
call was and the statements in place of the line.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from typing import TYPE_CHECKING

from tree_sitter import Node

from generator.c.extract import C_LANGS, FENCE
from generator.c.program import Program
from generator.c.syntax import (
    COMMENTS_STRINGS,
    calls,
    declarator_name,
    declared_names,
    walk,
)
from generator.c.syntax import root as _root
from generator.c.syntax import text as _text
from generator.c.words import joined

if TYPE_CHECKING:
    from generator.evidence.finding import Checker

CONTROL = re.compile(r"^(if|else|while|for|switch|case|do|default)\b|^[{}]")
NOT_A_TYPE = {"return", "else", "do", "case"}  # words that may stand before a call
MAX_CALLS = 8  # call lines pasted at most; more make a long, slow edit


def definitions(program: Program) -> dict[str, tuple[int, int]]:
    """Top-level function definitions: name -> (start, end) byte offsets."""
    return {name: (n.start_byte, n.end_byte) for name, n in program.functions.items()}


def helper_text(program: Program, name: str) -> str:
    """The definition of `name` as written ("" when the program defines none)."""
    return _text(program.functions.get(name))


def _helper_body(program: Program, name: str) -> Node | None:
    """The body of `name`'s definition, read in the program's own tree."""
    node = program.functions.get(name)
    return node.child_by_field_name("body") if node is not None else None


def _function_body(text: str) -> Node | None:
    """The body of the function the snippet `text` defines first (None when it defines
    none)."""
    root = _root(text)
    return root.children[0].child_by_field_name("body") if root.children else None


def inlinable(program: Program, name: str) -> bool:
    """A body that can be pasted as statements: no return except one at its very end."""
    body = _helper_body(program, name)
    if body is None:
        return False
    returns = [n for n in walk(body) if n.type == "return_statement"]
    if len(returns) > 1:
        return False
    statements = [c for c in body.named_children if c.type != "comment"]
    return not returns or (bool(statements) and statements[-1] == returns[0])


def returns_expression(program: Program, name: str) -> bool:
    """The body is one `return <value>;`: a copy is an expression, which fits anywhere."""
    body = _helper_body(program, name)
    if body is None:
        return False
    statements = [c for c in body.named_children if c.type != "comment"]
    return (
        len(statements) == 1
        and statements[0].type == "return_statement"
        and len(statements[0].named_children) > 0
    )


def pasteable(line: str, name: str, anywhere: bool = False) -> bool:
    """A call line the paste can replace: calling `name` once, whole on its line; a whole
    statement unless `anywhere` (an expression body also fits in an if/while condition)."""
    return (
        (anywhere or (line.endswith(";") and not CONTROL.match(line)))
        and line.count("(") == line.count(")")  # not the tail of a call split over lines
        and len(re.findall(rf"\b{re.escape(name)}\s*\(", line)) == 1
    )


def parameter_declarations(program: Program, name: str) -> dict[str, str]:
    """Each parameter's declaration as written (`const char *text`), by name."""
    node = program.functions.get(name)
    for n in walk(node) if node is not None else []:
        if n.type == "parameter_list":
            out = {}
            for p in n.named_children:
                ident = (
                    declarator_name(p.child_by_field_name("declarator"))
                    if p.type == "parameter_declaration"
                    else None
                )
                if ident is not None and ident.text:
                    out[ident.text.decode()] = " ".join((p.text or b"").decode().split())
            return out
    return {}


def parameters(program: Program, name: str) -> list[str]:
    return list(parameter_declarations(program, name))


def modified_parameters(program: Program, name: str) -> list[str]:
    """Parameters the body assigns to (`value -= 10`, `n++`). Pasted with the caller's
    variable in place, the copy would change the caller's variable, which the call never
    did (measured: roman-numerals SRP printed the remainder 0 instead of the number)."""
    params = set(parameters(program, name))
    node = program.functions.get(name)
    out = set()
    for n in walk(node) if node is not None else []:
        if n.type == "assignment_expression":
            target = n.child_by_field_name("left")
        elif n.type == "update_expression":
            target = n.child_by_field_name("argument")
        else:
            continue
        if target is not None and target.type == "identifier" and target.text:
            out.add(target.text.decode())
    return sorted(out & params)


WRAP = re.compile(r"^[\w.\[\]]+$|^\w+(->\w+)+$|^\w+\(.*\)$|^\"[^\"]*\"$|^'[^']*'$")


def argument_text(arg: str) -> str:
    """An argument as it should read in place of its parameter: `&STUDENTS[best]` in
    parentheses, or `student->marks[s]` would become `&STUDENTS[best]->marks[s]` (measured:
    report-card DRY did not compile, and its fix round changed nothing)."""
    arg = arg.strip()
    return arg if WRAP.match(arg) else f"({arg})"


def _call(line: str, name: str) -> Node | None:
    """The first call of `name` in the statement `line`."""
    found = calls(_root(f"void f(void) {{ {line} }}"), name)
    return found[0] if found else None


def arguments(line: str, name: str) -> list[str] | None:
    return _arguments(_call(line, name))


def _arguments(call: Node | None) -> list[str] | None:
    """The arguments of a call as written (None when there is no call)."""
    args = call.child_by_field_name("arguments") if call is not None else None
    if args is None:
        return None
    return [(a.text or b"").decode() for a in args.named_children if a.type != "comment"]


def bindings(program: Program, name: str, line: str) -> str | None:
    """ "'a' for label and count for value": which value goes for which parameter."""
    mapping = _mapping(parameters(program, name), arguments(line, name))
    if mapping is None:
        return None
    if not mapping:
        return "no change: it has no parameters"
    # "a in place of a" is noise to a small model (measured: vector-ops SRP, asked "a in place
    # of a, b in place of b and sum in place of result", answered `result[i] = a[i] + b[i];`)
    pairs = [f"{v} in place of {p}" for p, v in mapping.items() if v != p]
    if not pairs:
        return "no change: the names are the same"
    return joined(pairs)


def call_text(line: str, name: str) -> str | None:
    """The call expression of `name` in `line`, as written."""
    return _call_text(_call(line, name))


def _call_text(call: Node | None) -> str | None:
    return (call.text or b"").decode() if call is not None else None


def unreplaced(program: Program, name: str, line: str, statements: str) -> list[str]:
    """Parameters still named in the pasted statements (the body copied as it was)."""
    args = set(re.findall(r"\w+", " ".join(arguments(line, name) or [])))
    return [p for p in parameters(program, name) if p not in args and _names(statements, p)]


def _names(text: str, name: str) -> bool:
    """`name` used as a variable in `text`, not as a field (`item.category`, `p->count`)."""
    return re.search(rf"(?<!\.)(?<!->)\b{re.escape(name)}\b", text) is not None


SIMPLE = re.compile(r"^[\w.\[\]]+$|^\w+\(.*\)$|^\"[^\"]*\"$")
RETURN = re.compile(r"^return\b\s*(.*?)\s*;$", re.DOTALL)


def assemble(line: str, name: str, statements: str) -> str | None:
    """The statements that replace `line`: the pasted body, and the line itself with the
    returned value in place of the call (None when the body's final return is missing).
    A call that is the whole statement drops the returned value, as the call did."""
    return _assemble(line, call_text(line, name), statements)


def _assemble(line: str, call: str | None, statements: str) -> str | None:
    """`assemble` given the call on `line` as written."""
    if call is None:
        return None
    lines = statements.rstrip().splitlines()
    last = RETURN.match(lines[-1].strip()) if lines else None
    head = "\n".join(lines[:-1]) if last else statements.rstrip()
    if line.rstrip(";").strip() == call:
        return head or None
    if last is None or not last.group(1):
        return None
    value = last.group(1) if SIMPLE.match(last.group(1)) else f"({last.group(1)})"
    declared = re.match(rf"^[\w\s*]+?\b(\w+)\s*=\s*{re.escape(call)}\s*;$", line)
    body = _body(head)
    mine = declared_names(body, top_only=True) if body is not None else set()
    if declared and value in mine:
        # `int swaps = count_swaps(...)` and the body declares the value it returns: the body
        # does the declaring, under the caller's name, as a copy-paste would
        target = declared.group(1)
        if target == value:
            return head
        if not _names(head, target):
            return _bind(head, {value: target})
    rest = line.replace(call, value, 1)
    return f"{head}\n{rest}" if head else rest


def answer(program: Program, name: str, line: str, text: str | None) -> tuple[str | None, str]:
    """The statements that replace `line` given the model's answer `text`, or None and what
    is wrong with the answer, worded for the model's next try: every mistake at once, each
    with the line as it should read: asked again in the same words a small model repeats its
    mistake, told one it makes another (docs/decisions.md, "The LLM editor asks for small
    pieces")."""
    if text is None:
        return None, "the answer is empty"
    if still_calls(text, name):
        return None, f"it calls {name} instead of copying its statements"
    bound = _mapping(parameters(program, name), arguments(line, name)) or {}
    wrong = []
    if kept := unreplaced(program, name, line, text):
        wrong.append(_kept_names(text, {p: bound[p] for p in kept if p in bound} or None, kept))
    if missing := _left_out(_helper_body(program, name), text, bound):
        wrong.append(f"it leaves out {missing}")
    if wrong:
        return None, "; and ".join(wrong)
    statements = assemble(line, name, text)
    if statements is None:
        return None, "it leaves out the body's final return statement"
    return statements, ""


def _bind(text: str, bound: dict[str, str]) -> str:
    """`text` with each parameter named in `bound` written as its value, all at once; not
    inside a string, a character constant or a comment (`"after %d probes"` keeps its word
    when `probes` is bound: seen rewritten, the variant printed something else)."""
    if not bound:
        return text
    names = "|".join(re.escape(p) for p in bound)
    pattern = re.compile(rf"({COMMENTS_STRINGS.pattern})|(?<!\.)(?<!->)\b({names})\b", re.S)
    return pattern.sub(lambda m: m[1] or bound[m[2]], text)


def _kept_names(text: str, bound: dict[str, str] | None, kept: list[str]) -> str:
    """ "it still writes count where n belongs: `i < count` should read `i < n`", the way a
    compiler's fix-it shows one line as it should be: told only which name belongs where, a
    small model keeps the old name (docs/measurements.md, "The LLM editor's requests on the
    embedded 1.5B model")."""
    if not bound:
        return f"it still writes {', '.join(kept)}"
    said = ", ".join(f"{p} where {v} belongs" for p, v in bound.items())
    line = next((s.strip() for s in text.splitlines() if any(_names(s, p) for p in bound)), "")
    if not line:
        return f"it still writes {said}"
    return f"it still writes {said}: `{line}` should read `{_bind(line, bound)}`"


def _left_out(body: Node | None, text: str, bound: dict[str, str]) -> str:
    """The first lines of the body's statements a partial copy lacks (the model copied one
    line, or the innermost statement of a loop), with the values in place: "`int best =
    marks[0];` and `for (int i = 1; i < n; i++) {`"; "" when nothing is missing. A
    declaration counts as there when the copy declares its names (merged or split is
    fine); the final return is `assemble`'s. `body` is the helper's, in its program's tree."""
    copy = _body(text)
    if body is None or copy is None:
        return ""
    have = Counter(c.type for c in copy.named_children)
    declared = declared_names(copy, top_only=True)
    missing = []
    for c in body.named_children:
        if c.type in ("comment", "return_statement"):
            continue
        if c.type == "declaration":
            gone = not declared_names(c) <= declared
        else:
            gone = have[c.type] == 0
            have[c.type] -= 1
        if gone:
            missing.append(f"`{_bind((c.text or b'').decode().splitlines()[0].strip(), bound)}`")
    return joined(missing)


def snippet(reply: str) -> str | None:
    """The statements of a reply: its first C block, or the reply itself when unfenced."""
    blocks = [b for lang, b in FENCE.findall(reply) if lang.lower() in C_LANGS]
    text = blocks[0] if blocks else reply
    text = textwrap.dedent(text.strip("\n")).strip()
    return text or None


def still_calls(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\s*\(", text) is not None


def _body(statements: str) -> Node | None:
    return _function_body(f"void f(void) {{\n{statements}\n}}")


def scoped(program: Program, line: str, statements: str) -> tuple[str, set[str]]:
    """`statements` in a block of their own when they declare a name the function around
    `line` already declares (a second pasted copy of `int best = ...` would not compile),
    unless the call line declares a variable itself, which the code after it may use.
    `program` is the code as pasted so far: an earlier copy in the caller counts."""
    body, own = _body(statements), _body(line)
    new = declared_names(body, top_only=True) if body is not None else set()
    if not new or (own is not None and declared_names(own, top_only=True)):
        return statements, set()
    at = program.code.find(line)
    if at < 0:
        return statements, set()
    # The tree's offsets are bytes of the text as parse() encoded it, not characters.
    byte = len(program.code[:at].encode("utf-8", "replace"))
    callers = [n for n in program.functions.values() if n.start_byte <= byte < n.end_byte]
    if not callers:
        return statements, set()
    clash = new & declared_names(callers[0])
    if not clash:
        return statements, set()
    return "{\n" + textwrap.indent(statements, "    ") + "\n}", clash


def put(program: Program, line: str, statements: str, start: int = 0) -> tuple[Program, int]:
    """`program` with the first whole line equal to `line` (stripped) at or after `start`
    replaced by `statements`, indented like it; and where to look for the next line. A new
    `Program` when the text changed (parsed only when read: the next line's `scoped`, the
    drop of the helper), else the same one."""
    code, pos = _put_text(program.code, line, statements, start)
    return (program if code == program.code else Program(code)), pos


def _put_text(code: str, line: str, statements: str, start: int) -> tuple[str, int]:
    pos = start
    while True:
        found = code.find(line, pos)
        if found < 0:
            return code, start
        bol = code.rfind("\n", 0, found) + 1
        eol = code.find("\n", found)
        eol = len(code) if eol < 0 else eol
        if code[bol:found].strip() == "" and code[found + len(line) : eol].strip() == "":
            break
        pos = found + 1
    indent = code[bol:found]
    block = "\n".join(indent + s if s.strip() else "" for s in statements.splitlines())
    return code[:bol] + block + code[eol:], bol + len(block)


def _declared_in(program: Program, name: str) -> set[str]:
    """The names `name`'s body declares, at any depth, read in the program's own tree."""
    body = _helper_body(program, name)
    return declared_names(body) if body is not None else set()


def _captured(mine: set[str], mapping: dict[str, str], line: str, call: str | None) -> bool:
    """The pasted copy would mean the body's own variable (`mine`: what the body declares)
    where the caller meant its own: an argument names a variable the body declares
    (`minor_without(m, c, &minor)` into a body looping over its own `c` gives `c != c`), or
    the rest of the call line does and the copy goes in a block of its own (`return
    inversions + merge(...)` with a body declaring `inversions` would return the body's
    twice). The variable the line itself declares from the call is fine: the body declares
    it under that name, as asked."""
    if any(set(WORD.findall(v)) & mine for v in mapping.values()):
        return True
    call = call or ""
    declared = re.match(rf"^[\w\s*]+?\b(\w+)\s*=\s*{re.escape(call)}\s*;$", line)
    rest = set(WORD.findall(line.replace(call, " ", 1))) - {declared.group(1) if declared else ""}
    return bool(rest & mine)


WORD = re.compile(r"[A-Za-z_]\w*")


def captures(program: Program, name: str, line: str) -> bool:
    """The call on `line` cannot be pasted without a name meaning another variable (see
    `_captured`)."""
    call = _call(line, name)
    mapping = _mapping(parameters(program, name), _arguments(call))
    if _helper_body(program, name) is None or mapping is None:
        return False
    return _captured(_declared_in(program, name), mapping, line, _call_text(call))


def _mapping(params: list[str], args: list[str] | None) -> dict[str, str] | None:
    """Each parameter and the value the call passes for it, as it reads pasted in place
    (None when the call's arguments do not match the parameters)."""
    if args is None or len(args) != len(params):
        return None
    return {p: argument_text(a) for p, a in zip(params, args, strict=True)}


def faithful(program: Program, name: str, lines: list[str], own_locals: bool = False) -> Program:
    """`program` with `name`'s body pasted at `lines` exactly as the prompt asks (each value
    in place of its parameter), and the helper dropped if nothing calls it any more: what a
    model that follows the instruction answers, to tell whether the edit is worth asking.
    Each paste that changes the code makes a new `Program`, read only if a later paste
    must look at it (`scoped`) and by the drop at the end.

    With `own_locals`, a parameter the body assigns (`number -= values[i]`) is not replaced
    but declared at the top of a block of the copy's own, set to the call's value
    (`{ int number = atoi(input); ... }`), as a student merging by hand writes it: the
    caller's variable then stays as the call left it. The procedural editor asks for it;
    the LLM's request names values for parameters, so its targets leave such helpers out."""
    from generator.c.tidy import drop_unused_function

    helper = helper_text(program, name)
    if "{" not in helper:
        return program
    body = textwrap.dedent(helper[helper.index("{") + 1 : helper.rindex("}")].strip("\n"))
    params = parameters(program, name)
    assigned = set(modified_parameters(program, name)) if own_locals else set()
    declared = parameter_declarations(program, name) if assigned else {}
    mine = _declared_in(program, name)  # the same body at every line: read once
    out, pos = program, 0
    for line in lines:
        call = _call(line, name)  # each line parsed once, read for all that follows
        args, said = _arguments(call), _call_text(call)
        mapping = _mapping(params, args)
        if args is None or mapping is None:
            continue
        if _captured(mine, mapping, line, said):
            continue  # that call keeps calling the helper
        copies = _local_copies(line, said, dict(zip(params, args, strict=True)), declared, assigned)
        if copies is None:
            continue
        bound = {p: v for p, v in mapping.items() if p not in assigned}
        statements = _assemble(line, said, _bind(body, bound).strip())
        if statements is None:
            continue
        if copies:
            block = "\n".join([*copies, statements])
            statements = "{\n" + textwrap.indent(block, "    ") + "\n}"
        else:
            statements, _ = scoped(out, line, statements)
        out, pos = put(out, line, statements, pos)
    return drop_unused_function(out, name)


def _local_copies(
    line: str, call: str | None, args: dict[str, str], declared: dict[str, str], assigned: set[str]
) -> list[str] | None:
    """The declarations giving each assigned parameter its local copy at this call (`call`
    as written, `args` its argument per parameter), [] when there is none to give; None
    when a copy cannot mean what the call meant: the call's value is used (the block would
    hide the body's result from the line), an argument names one of those parameters
    (`int n = n + 1;` reads the new, unset `n`), or one is an array, which C cannot
    initialise from a pointer."""
    if not assigned:
        return []
    if line.rstrip(";").strip() != call:
        return None
    if any(set(WORD.findall(a)) & assigned for a in args.values()):
        return None
    if any("[" in declared[p] or "(" in declared[p] for p in assigned):
        return None
    return [f"{declared[p]} = {args[p].strip()};" for p in args if p in assigned]


def call_sites(program: Program, name: str) -> list[str]:
    """The lines that call `name`, stripped: not its definition nor its prototype. Read in
    the text, line by line: a paste replaces whole lines."""
    out = []
    for line in program.code.splitlines():
        text = line.strip()
        if text.startswith(("//", "/*", "*")) or not re.search(rf"\b{name}\s*\(", text):
            continue
        head = re.match(rf"^([\w\s*]*?)\b{name}\s*\(", text)
        words = head.group(1).split() if head else []
        if words and words[-1] not in NOT_A_TYPE:
            continue  # type words before the name: a definition or a prototype
        out.append(text)
    return out


def paste_sites(program: Program, name: str, expressions: bool = False) -> list[str]:
    """The call lines of `name` a paste can replace: whole statements, and with
    `expressions` any line when the body is one `return <value>;` (DRY: `is_leap(year)`
    written out in two conditions is the same logic twice; for SRP it would merge nothing)."""
    anywhere = expressions and returns_expression(program, name)
    return [line for line in call_sites(program, name) if pasteable(line, name, anywhere)]


def confirmed(
    program: Program, name: str, sites: list[str], checker: Checker, own_locals: bool = False
) -> Program | None:
    """The paste at `sites`, done exactly as asked, when `checker` confirms it (None when
    not): the procedural editor's edit itself, checked and parsed. The copies must come out
    alike: `f(values[i])` and `f(total)` paste different tokens, and the DRY check compares
    tokens (a paste of `in_range(values[count])` and `in_range(count * SCALE)` was rightly
    not confirmed). Asking for an edit whose faithful result has no evidence only buys
    rejected variants."""
    variant = faithful(program, name, sites[:MAX_CALLS], own_locals)
    if variant.code != program.code and checker(program.facts, variant.facts).confirmed:
        return variant
    return None
