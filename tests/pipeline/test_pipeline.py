"""The pipeline end to end: real openai client over HTTP, real sandbox, scripted answers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator import funnel
from generator.dataset import export
from generator.dataset.rows import Row
from generator.errors import ConfigError
from generator.principles import Principle
from generator.principles.base import inapplicable, targets
from generator.prompts import load_template
from generator.records import Kind, Reason, Status
from tests.fake_openai import FakeReply
from tests.scripted import (
    Reply,
    Script,
    corrected,
    fenced,
    happy_script,
    paste,
    program,
    purpose,
    rewrite,
)
from tests.scripted.runner import Runner

REFERENCE = ["sum=16\nmax=9\nscaled=160\n", "sum=-7\nmax=-2\nscaled=-70\n", "empty\n"]


def test_clean_outputs_become_the_reference(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="MC")
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED
    assert clean.outputs == REFERENCE
    assert clean.sandbox.compiled


@pytest.mark.parametrize("principle", list(Principle))
def test_each_principle_accepted_with_evidence(runner: Runner, principle: Principle) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles=principle.value)
    v = store.get_sample(f"sum-max/c0+{principle.value}")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    assert v.labels[0] == principle and v.parent_id == "sum-max/c0"
    assert v.evidence.confirmed is True
    assert v.outputs == REFERENCE and v.sandbox.compiled


def test_labels_accumulate_along_the_chain(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="DRY,MC", combinations="chain")
    assert store.get_sample("sum-max/c0+MC") is None  # one path, not the lattice
    mc = store.get_sample("sum-max/c0+DRY+MC")
    assert mc.status == Status.ACCEPTED, (mc.reason, mc.detail)
    assert mc.parent_id == "sum-max/c0+DRY"
    assert mc.labels[:2] == [Principle.DRY, Principle.MC]


@pytest.mark.parametrize(
    "reply",
    [
        fenced(program("clean"), prose=False),
        fenced(program("clean")),
        program("clean"),
        "Sure, here you go:\n\n" + program("clean") + "\nThat's all.",
    ],
    ids=["fenced", "fenced-prose", "unfenced", "unfenced-prose"],
)
def test_reply_shapes(runner: Runner, reply: str) -> None:
    runner.fake.handler = Script(clean=[reply], DRY=[fenced(program("dry"))])
    store = runner.run()
    assert store.get_sample("sum-max/c0").status == Status.ACCEPTED


def test_no_program_in_reply_is_parse_error(runner: Runner) -> None:
    runner.fake.handler = Script(clean=["I am sorry, I cannot write C today."])
    store = runner.run()
    s = store.get_sample("sum-max/c0")
    assert (s.status, s.reason) == (Status.REJECTED, Reason.PARSE_ERROR)
    assert store.get_sample("sum-max/c0+DRY") is None  # nothing built on a rejected parent


def test_compile_error_fixed_with_diagnostics(runner: Runner) -> None:
    broken = program("clean").replace("count++;", "count++", 1)
    runner.fake.handler = Script(
        clean=[fenced(broken)], fix=[fenced(program("clean"))], DRY=[fenced(program("dry"))]
    )
    store = runner.run()
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED
    steps = [(a["step"], a["outcome"]) for a in store.attempts(s.id)]
    assert steps == [("clean", "compile_failed"), ("clean:fix1", "ok")]
    fix_request = next(
        r for r in runner.fake.requests if "What went wrong" in r["messages"][-1]["content"]
    )
    text = fix_request["messages"][-1]["content"]
    assert "line 9:" in text and "error" in text  # parsed diagnostics reach the LLM


def test_compile_error_abandoned_after_max_fixes(runner: Runner) -> None:
    broken = program("clean").replace("int total = 0;", "int total = ;")
    tries = [fenced(broken.replace("return total;", f"return total{n}")) for n in range(2)]
    runner.fake.handler = Script(clean=[fenced(broken)], fix=tries)
    store = runner.run(max_fixes=2, clean_retries=0)
    s = store.get_sample("sum-max/c0")
    assert (s.status, s.reason) == (Status.REJECTED, Reason.COMPILE_FAILED)
    assert len(store.attempts(s.id)) == 3
    assert s.code  # the failing code is kept (NO_COMPILE material)


def test_no_clean_fix_rounds_asks_a_new_solution_instead(runner: Runner) -> None:
    broken = program("clean").replace("int total = 0;", "int total = ;")
    runner.fake.handler = Script(clean=[fenced(broken), fenced(program("clean"))])
    store = runner.run(principles="DRY", clean_fixes=0, clean_retries=1)
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED and s.code == program("clean")
    assert [a["step"] for a in store.attempts(s.id)] == ["clean", "clean"]
    assert not any("What went wrong" in r["messages"][-1]["content"] for r in runner.fake.requests)


def rejected_then_asked_again(runner: Runner, bad: str) -> dict:
    """`bad` as the first clean answer, the fixture's clean program as the second: the second
    is the reference. The first answer's attempt, for the reason it was rejected."""
    assert bad != program("clean")
    runner.fake.handler = Script(clean=[fenced(bad), fenced(program("clean"))])
    store = runner.run(principles="DRY", clean_fixes=0, clean_retries=1)
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED and s.code == program("clean")
    return store.attempts(s.id)[0]


def test_a_new_clean_try_is_warmer_and_the_sample_records_the_one_that_made_it(
    runner: Runner,
) -> None:
    broken = program("clean").replace("int main(void) {", "int main(void) { undeclared = 1;")
    assert broken != program("clean")
    runner.fake.handler = Script(clean=[fenced(broken), fenced(program("clean"))])
    store = runner.run(principles="DRY", clean_fixes=0, clean_retries=2)
    asked = [r for r in runner.fake.requests if r["messages"][-1]["content"].startswith("Write")]
    assert [r["temperature"] for r in asked] == [0.2, 0.45]
    assert asked[0]["seed"] != asked[1]["seed"]
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED and s.code == program("clean")
    assert s.temperature == 0.45 and s.seed == asked[1]["seed"]
    assert store.attempts(s.id)[0]["outcome"] == "compile_failed"


def test_undefined_behaviour_the_compiler_warns_of_is_no_reference(runner: Runner) -> None:
    garbage = program("clean").replace(
        'printf("max=%d\\n", largest);', 'printf("max=%d of %d\\n", largest);'
    )
    first = rejected_then_asked_again(runner, garbage)
    assert first["outcome"] == "compile_failed"
    assert "undefined behaviour" in first["detail"] and "[-Wformat=]" in first["detail"]


def test_a_format_slip_is_repaired_from_the_compiler_warning_without_llm(runner: Runner) -> None:
    slip = program("clean").replace(
        'printf("max=%d\\n", largest);', 'printf("max=%d\\n", 1.0 * largest);'
    )
    runner.fake.handler = Script(clean=[fenced(slip)], DRY=[fenced(program("dry"))])
    store = runner.run()
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED
    assert 'printf("max=%d\\n", (int)(1.0 * largest));' in s.code
    assert s.repairs == ["line 34: cast 1.0 * largest to int: '%d' was given type double"]
    steps = [(a["step"], a["outcome"]) for a in store.attempts(s.id)]
    assert steps == [("clean", "compile_failed"), ("clean:repaired", "ok")]
    assert [
        r for r in runner.fake.requests if "What went wrong" in r["messages"][-1]["content"]
    ] == []
    assert funnel.attempts_by_outcome(store)["clean:repaired"] == {"ok": 1}


def test_a_reference_whose_output_depends_on_memory_layout_is_asked_again(
    runner: Runner,
) -> None:
    """An array written one past its end clobbers `shown` when built with -O0 and nothing at
    -O1: gcc says nothing, the first build prints the right sum, and it is still no
    reference."""
    layout = program("clean").replace(
        'void print_report(int total, int largest) {\n    printf("sum=%d\\n", total);',
        "void clear(int marks[], int count) {\n"
        "    for (int index = 0; index <= count; index++) {\n"
        "        marks[index] = 0;\n"
        "    }\n"
        "}\n\n"
        "void print_report(int total, int largest) {\n"
        "    int shown = total;\n"
        "    int marks[2];\n"
        "    clear(marks, 2);\n"
        '    printf("sum=%d\\n", shown);',
    )
    first = rejected_then_asked_again(runner, layout)
    assert first["outcome"] == "runtime_error"
    assert "prints something else when built with -O0" in first["detail"]
    assert "-sum=" in first["detail"] and "+sum=0" in first["detail"]


def test_missing_include_repaired_without_llm(runner: Runner) -> None:
    no_stdio = program("clean").replace("#include <stdio.h>\n", "")
    runner.fake.handler = Script(clean=[fenced(no_stdio)], DRY=[fenced(program("dry"))])
    store = runner.run()
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED
    assert s.repairs == ["added #include <stdio.h>"]
    assert not any("What went wrong" in r["messages"][-1]["content"] for r in runner.fake.requests)


def test_a_variable_hiding_its_function_is_renamed_without_llm(runner: Runner) -> None:
    hidden = program("clean").replace(
        "print_report(sum_values(values, count), max_value(values, count));",
        "int max_value = max_value(values, count);\n"
        "    print_report(sum_values(values, count), max_value);",
    )
    runner.fake.handler = Script(clean=[fenced(hidden)], DRY=[fenced(program("dry"))])
    store = runner.run()
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED
    assert s.repairs == [
        "renamed max_value to max_value_result in main: it hid the function max_value"
    ]
    assert "print_report(sum_values(values, count), max_value_result);" in s.code
    assert [
        r for r in runner.fake.requests if "What went wrong" in r["messages"][-1]["content"]
    ] == []


def test_runtime_crash_goes_to_fix_loop(runner: Runner) -> None:
    crash = program("clean").replace(
        "int largest = values[0];", "int *missing = 0; int largest = *missing + values[0];"
    )
    runner.fake.handler = Script(
        clean=[fenced(crash)], fix=[fenced(program("clean"))], DRY=[fenced(program("dry"))]
    )
    store = runner.run()
    s = store.get_sample("sum-max/c0")
    assert s.status == Status.ACCEPTED
    first = store.attempts(s.id)[0]
    assert first["outcome"] == "runtime_error" and "signal" in first["detail"]
    assert s.followup_prompts == [load_template("fix").sha]


def test_variant_runtime_error_rejected(runner: Runner) -> None:
    crash = program("dry").replace("int total = 0;", "int total = 0; int *p = 0; total = *p;")
    runner.fake.handler = Script(
        clean=[fenced(program("clean"))], DRY=[fenced(crash)], fix=[fenced(crash)]
    )
    store = runner.run()
    v = store.get_sample("sum-max/c0+DRY")
    assert (v.status, v.reason) == (Status.REJECTED, Reason.RUNTIME_ERROR)


def test_no_op_retried_with_new_seed_then_accepted(runner: Runner) -> None:
    runner.fake.handler = Script(
        clean=[fenced(program("clean"))], DRY=[fenced(program("clean")), fenced(program("dry"))]
    )
    store = runner.run(retries=2)
    v = store.get_sample("sum-max/c0+DRY")
    assert v.status == Status.ACCEPTED
    outcomes = [a["outcome"] for a in store.attempts(v.id)]
    assert outcomes[0] == "no_op"
    dry = [r for r in runner.fake.requests if purpose(r) == "DRY"]
    assert len(dry) == 2
    assert dry[0]["seed"] != dry[1]["seed"] and dry[1]["temperature"] > dry[0]["temperature"]


def test_no_op_exhausted(runner: Runner) -> None:
    runner.fake.handler = Script(
        clean=[fenced(program("clean"))], DRY=[fenced(program("clean").replace("    ", "  "))]
    )
    store = runner.run(retries=2)
    v = store.get_sample("sum-max/c0+DRY")
    assert (v.status, v.reason) == (Status.REJECTED, Reason.NO_OP)
    assert v.attempts == 3


def test_not_equivalent_judged_and_rejected(runner: Runner) -> None:
    wrong = program("mc").replace("total * 10", "total * 100")
    runner.fake.handler = Script(
        clean=[fenced(program("clean"))],
        MC=[fenced(wrong)],
        judge=['{"equivalent": false, "reason": "scaled differs"}'],
    )
    store = runner.run(principles="MC", retries=0)
    v = store.get_sample("sum-max/c0+MC")
    assert (v.status, v.reason) == (Status.REJECTED, Reason.NOT_EQUIVALENT)
    assert "judge" in v.detail
    judged = [
        r for r in runner.fake.requests if "candidate outputs" in r["messages"][-1]["content"]
    ]
    assert len(judged) == 1


def test_judge_accepts_near_miss(runner: Runner) -> None:
    spaced = program("mc").replace('"sum=%d\\n"', '"sum= %d\\n"')
    runner.fake.handler = Script(
        clean=[fenced(program("clean"))],
        MC=[fenced(spaced)],
        judge=['{"equivalent": true, "reason": "spacing only"}'],
    )
    store = runner.run(principles="MC", retries=0)
    v = store.get_sample("sum-max/c0+MC")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    assert v.equivalence.method == "judge" and v.equivalence.judge.equivalent


def test_far_outputs_never_reach_the_judge(runner: Runner) -> None:
    far = program("mc").replace('printf("empty\\n");', 'printf("nothing at all here\\n");')
    far = far.replace('"sum=%d\\n"', '"total value: %d and more text\\n"')
    runner.fake.handler = Script(clean=[fenced(program("clean"))], MC=[fenced(far)])
    store = runner.run(principles="MC", retries=0)
    v = store.get_sample("sum-max/c0+MC")
    assert v.reason == Reason.NOT_EQUIVALENT
    assert not any(
        "candidate outputs" in r["messages"][-1]["content"] for r in runner.fake.requests
    )


def test_transport_failures_are_retried(runner: Runner) -> None:
    runner.fake.handler = Script(
        clean=[
            FakeReply(status=429, headers={"Retry-After": "0.1"}),
            FakeReply(status=500),
            FakeReply(raw_body="{oops"),
            FakeReply(empty_choices=True),
            fenced(program("clean")),
        ],
        DRY=[fenced(program("dry"))],
    )
    store = runner.run(max_retries=5)
    assert store.get_sample("sum-max/c0").status == Status.ACCEPTED
    assert store.llm_cache.stats()["retries"] >= 4


def test_persistent_llm_failure_is_llm_error_not_crash(runner: Runner) -> None:
    runner.fake.handler = Script(
        clean=[fenced(program("clean"))], DRY=[FakeReply(status=503)], MC=[fenced(program("mc"))]
    )
    store = runner.run(principles="DRY,MC", max_retries=1)
    assert store.get_sample("sum-max/c0+DRY").reason == Reason.LLM_ERROR
    assert store.get_sample("sum-max/c0+MC").status == Status.ACCEPTED  # chain goes on


def test_rerun_of_finished_run_sends_nothing(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    first = runner.run(principles="DRY,MC")
    before = {s.id: (s.status, s.code) for s in first.samples()}
    first.close()
    n = len(runner.fake.requests)
    again = runner.run(principles="DRY,MC")
    assert len(runner.fake.requests) == n
    assert {s.id: (s.status, s.code) for s in again.samples()} == before


def test_prompt_names_what_to_edit_and_is_recorded(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="MC")
    asks = [r["messages"][-1]["content"] for r in runner.fake.requests if purpose(r) == "MC"]
    # one request per function that uses a constant, naming only its own, with the value
    heads = [a.split("```")[0].strip() for a in asks]
    assert heads == [
        "In this C code, replace SCALE_FACTOR by 10, and change nothing else.",
        "In this C code, replace MAX_VALUES by 100, and change nothing else.",
    ]
    assert "void print_report(" in asks[0] and "int main(void)" in asks[1]
    assert not any("#define" in a for a in asks)  # a definition is never sent to be edited
    v = store.get_sample("sum-max/c0+MC")
    targeted = load_template("targeted/declean_mc")
    assert v.status == Status.ACCEPTED and v.prompt_hash == targeted.sha
    assert "#define" not in v.code and "total * 10" in v.code and "values[100]" in v.code
    assert "removed the definitions of MAX_VALUES, SCALE_FACTOR: inlined, unused" in v.repairs


def test_name_is_asked_per_piece_with_its_own_renames(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="NAME")
    asks = [r["messages"][-1]["content"] for r in runner.fake.requests if purpose(r) == "NAME"]
    heads = [a.split("```")[0].strip() for a in asks]
    assert len(asks) == 5 and heads[0].startswith("In this C code, rename `read_values` to `f1`, ")
    assert "print_report" not in heads[0] and "int read_values(" in asks[0]
    v = store.get_sample("sum-max/c0+NAME")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    assert "read_values" not in v.code and v.evidence.confirmed


def _name_script(piece: str, *swaps: tuple[str, str]) -> Script:
    """The happy script, with the NAME answer for the piece holding `piece` edited by
    `swaps` (text replaced in order) after the renames asked for are made."""

    def answer(body: dict) -> str:
        text = rewrite(body)
        if piece in body["messages"][-1]["content"]:
            for old, new in swaps:
                text = text.replace(old, new)
        return text

    script = happy_script()
    script.replies["NAME"] = [answer]
    return script


def test_names_renamed_apart_by_the_pieces_are_spelled_the_old_way(runner: Runner) -> None:
    # renamed all but the function
    runner.fake.handler = _name_script("int sum_values(", ("f2(", "sum_values("))
    store = runner.run(principles="NAME", max_fixes=0, retries=0)
    assert len([r for r in runner.fake.requests if purpose(r) == "NAME"]) == 5
    v = store.get_sample("sum-max/c0+NAME")
    # a pure renaming is taken, and main, which called it f2, calls sum_values again: a
    # function renamed in its definition and not in its callers would not compile
    assert "int sum_values(" in v.code and "f1(" in v.code and "f2" not in v.code
    assert "f4(sum_values(values, b), f3(values, b));" in v.code
    assert v.repairs == ["kept the names sum_values: pieces renamed them apart"]
    assert v.status == Status.ACCEPTED and v.evidence.confirmed


def test_a_rename_nobody_asked_for_is_taken_where_it_stays_consistent(runner: Runner) -> None:
    # measured on the 1.5B model: it renames names it was not asked to, as in the example
    runner.fake.handler = _name_script("int max_value(", ("values", "y"), ("f3(", "g3("))
    store = runner.run(principles="NAME", retries=0)
    assert len([r for r in runner.fake.requests if purpose(r) == "NAME"]) == 5
    v = store.get_sample("sum-max/c0+NAME")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    # the parameter `values` is max_value's own: y stays; the function is called by main,
    # which calls it f3, so its definition's g3 goes back to max_value, as main's f3 does
    assert "int max_value(const int y[], int b)" in v.code and "int d = y[0];" in v.code
    assert "f4(f2(values, b), max_value(values, b));" in v.code
    assert v.repairs == ["kept the names max_value: pieces renamed them apart"]


def test_an_answer_that_changes_more_than_names_is_asked_again(runner: Runner) -> None:
    runner.fake.handler = _name_script("int max_value(", ("c = 1;", "c = 0;"))  # another loop
    store = runner.run(principles="NAME", retries=0)
    assert len([r for r in runner.fake.requests if purpose(r) == "NAME"]) == 6
    v = store.get_sample("sum-max/c0+NAME")
    assert "for (int index = 1;" in v.code  # that piece stayed as it was
    assert v.status == Status.ACCEPTED and v.outputs == REFERENCE


def test_no_targets_falls_back_to_the_generic_prompt(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="MC", targets=False)
    ask = next(r for r in runner.fake.requests if purpose(r) == "MC")["messages"][-1]["content"]
    assert "MAX_VALUES" not in ask.split("```")[0]
    assert store.get_sample("sum-max/c0+MC").prompt_hash == load_template("declean_mc").sha


def test_parent_with_nothing_to_name_gets_the_generic_prompt(runner: Runner) -> None:
    bare = '#include <stdio.h>\nint main(void) {\n    printf("hi\\n");\n    return 0;\n}\n'
    assert targets("MC", bare) == []
    runner.fake.handler = Script(clean=[fenced(bare)])
    runner.run(principles="MC", retries=0, min_helpers=0, min_constants=0)
    ask = next(r for r in runner.fake.requests if purpose(r) == "MC")["messages"][-1]["content"]
    assert ask == load_template("declean_mc").render(code=bare)[-1]["content"]


MAIN_ONLY = """#include <stdio.h>
#define LIMIT 100
int main(void) {
    int v, total = 0, largest = 0, count = 0;
    while (count < LIMIT && scanf("%d", &v) == 1) {
        total += v;
        largest = count == 0 || v > largest ? v : largest;
        count++;
    }
    if (count == 0) { printf("empty\\n"); return 0; }
    printf("sum=%d\\nmax=%d\\nscaled=%d\\n", total, largest, total * 10);
    return 0;
}
"""


def test_filtered_a_generated_solution_the_verdict_flags_is_asked_again(runner: Runner) -> None:
    runner.fake.handler = Script(clean=[fenced(program("name")), fenced(program("clean"))])
    store = runner.run(principles="DRY", clean_retries=1, flagged_roots="filter")
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED and clean.code.strip() == program("clean").strip()
    first, last = store.attempts(clean.id)
    assert (first["step"], first["outcome"]) == ("clean:try0", "not_clean")
    assert (last["step"], last["outcome"]) == ("clean", "ok")
    assert "a reviewer's verdict flags it: NAME (names that say nothing:" in first["detail"]
    asks = [r for r in runner.fake.requests if purpose(r) == "clean"]
    assert len(asks) == 2 and asks[0]["seed"] != asks[1]["seed"]


def test_a_flagged_solution_is_kept_with_its_labels_or_filtered(
    runner: Runner, tmp_path: Path
) -> None:
    runner.fake.handler = Script(clean=[fenced(program("name"))])
    kept = runner.run(principles="DRY", clean_retries=0)
    assert kept.get_sample("sum-max/c0").status == Status.ACCEPTED
    kept.close()
    runner.run_dir = tmp_path / "filtered"
    filtered = runner.run(principles="DRY", clean_retries=0, flagged_roots="filter")
    clean = filtered.get_sample("sum-max/c0")
    assert (clean.status, clean.reason) == (Status.REJECTED, Reason.NOT_CLEAN)


def test_a_short_program_all_in_main_is_clean(runner: Runner) -> None:
    """What accepted student code looks like is a root, unless the run asks for helpers."""
    runner.fake.handler = Script(clean=[fenced(MAIN_ONLY)])
    store = runner.run(principles="DRY", clean_retries=0)
    assert store.get_sample("sum-max/c0").status == Status.ACCEPTED


def test_not_clean_after_the_retries_is_rejected_and_kept(runner: Runner) -> None:
    runner.fake.handler = Script(clean=[fenced(MAIN_ONLY)])
    store = runner.run(principles="DRY", clean_retries=1, min_helpers=2)
    clean = store.get_sample("sum-max/c0")
    assert (clean.status, clean.reason) == (Status.REJECTED, Reason.NOT_CLEAN)
    assert clean.code.strip() == MAIN_ONLY.strip()
    assert [a["outcome"] for a in store.attempts(clean.id)] == ["not_clean"] * 2
    assert "0 function(s) besides main (need 2)" in store.attempts(clean.id)[0]["detail"]
    assert store.get_sample("sum-max/c0+DRY") is None  # nothing to de-clean


def test_inapplicable_edit_is_not_asked_for(runner: Runner) -> None:
    # Every helper of the clean program is called from one place: pasting one repeats nothing.
    assert inapplicable("DRY", program("clean"))
    runner.fake.handler = happy_script()
    store = runner.run(principles="DRY,MC", skip_inapplicable=True)
    dry = store.get_sample("sum-max/c0+DRY")
    assert (dry.status, dry.reason) == (Status.REJECTED, Reason.NOT_APPLICABLE)
    assert "called from two places" in dry.detail and dry.attempts == 0
    assert not [r for r in runner.fake.requests if purpose(r) == "DRY"]
    mc = store.get_sample("sum-max/c0+MC")  # the chain goes on from the clean parent
    assert mc.status == Status.ACCEPTED and mc.parent_id == "sum-max/c0"


def test_clean_that_cannot_be_fixed_is_asked_for_afresh(runner: Runner) -> None:
    broken = program("clean").replace("int total = 0;", "int total = ;")
    runner.fake.handler = Script(
        clean=[fenced(broken), fenced(program("clean"))], fix=[fenced(broken)]
    )
    store = runner.run(principles="DRY", max_fixes=2, clean_retries=1)
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED and clean.code.strip() == program("clean").strip()
    steps = [(a["step"], a["outcome"]) for a in store.attempts(clean.id)]
    # the fix reply repeated the program: the loop stopped and a new solution was asked for
    assert steps == [("clean", "compile_failed"), ("clean", "ok")]
    asks = [r for r in runner.fake.requests if purpose(r) == "clean"]
    assert len(asks) == 2 and asks[0]["seed"] != asks[1]["seed"]


# The clean fixture with its report printed by one helper called three times: a DRY target.
PRINT_LINE = """void print_line(const char *label, int value) {
    int shown = value;
    if (shown < 0) {
        shown = -shown;
        printf("%s=-", label);
    } else {
        printf("%s=", label);
    }
    printf("%d\\n", shown);
}

void print_report(int total, int largest) {
    print_line("sum", total);
    print_line("max", largest);
    print_line("scaled", total * SCALE_FACTOR);
}"""


def _lines_script(*dry: Reply) -> Script:
    clean = program("clean")
    report = clean[clean.index("void print_report") : clean.index("int main")].rstrip()
    return Script(clean=[fenced(clean.replace(report, PRINT_LINE))], DRY=list(dry) or [paste])


def test_dry_paste_asks_one_call_line_at_a_time_and_drops_the_helper(runner: Runner) -> None:
    runner.fake.handler = _lines_script()
    store = runner.run(principles="DRY", skip_inapplicable=True)
    v = store.get_sample("sum-max/c0+DRY")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    asked = [r["messages"][-1]["content"] for r in runner.fake.requests if purpose(r) == "DRY"]
    assert len(asked) == 3 and v.attempts == 3
    assert '"max" in place of label and largest in place of value' in asked[1]
    assert '"scaled" in place of label and (total * SCALE_FACTOR) in place of value' in asked[2]
    assert "print_line" not in v.code
    # the first copy declares `shown` in print_report; the next two get a block each
    assert v.repairs == [
        "pasted print_line in a block of its own: ['shown']",
        "pasted print_line in a block of its own: ['shown']",
        "removed print_line: pasted, no longer called",
    ]
    assert "\n    {\n        int shown = (total * SCALE_FACTOR);\n" in v.code  # indented
    assert v.evidence.confirmed and v.outputs == REFERENCE


IN_RANGE = """int in_range(int value) {
    return value >= -MAX_VALUES * SCALE_FACTOR && value <= MAX_VALUES * SCALE_FACTOR;
}

int read_values(int values[], int capacity) {
    int count = 0;
    int value = 0;
    while (count < capacity && scanf("%d", &value) == 1) {
        if (!in_range(value)) {
            break;
        }
        values[count++] = value;
    }
    return count;
}"""


def test_dry_writes_an_expression_helper_out_in_its_conditions(runner: Runner) -> None:
    clean = program("clean")
    reader = clean[clean.index("int read_values") : clean.index("int sum_values")].rstrip()
    clean = clean.replace(reader, IN_RANGE).replace(
        "    if (count == 0) {",
        "    int total = sum_values(values, count);\n    if (count == 0 || !in_range(total)) {",
    )
    runner.fake.handler = Script(clean=[fenced(clean)], DRY=[paste])
    store = runner.run(principles="DRY", skip_inapplicable=True)
    v = store.get_sample("sum-max/c0+DRY")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    asked = [r["messages"][-1]["content"] for r in runner.fake.requests if purpose(r) == "DRY"]
    assert len(asked) == 2 and "with no change: the names are the same." in asked[0]
    assert "total in place of value" in asked[1]
    assert "if (!(value >= -MAX_VALUES * SCALE_FACTOR && value <= " in v.code
    assert "!(total >= -MAX_VALUES * SCALE_FACTOR && total <= " in v.code
    assert "in_range" not in v.code and v.repairs == ["removed in_range: pasted, no longer called"]
    assert v.evidence.confirmed and v.outputs == REFERENCE


def test_dry_is_not_asked_where_the_pasted_copies_would_differ(runner: Runner) -> None:
    """`in_range(values[count])` and `in_range(count * SCALE_FACTOR)` paste different tokens:
    a faithful paste would not be confirmed, so it is not asked for."""
    clean = program("clean")
    reader = clean[clean.index("int read_values") : clean.index("int sum_values")].rstrip()
    differing = (
        IN_RANGE.replace('scanf("%d", &value)', 'scanf("%d", &values[count])')
        .replace("(!in_range(value))", "(!in_range(values[count]))")
        .replace("values[count++] = value;", "count++;")
    )
    clean = clean.replace(reader, differing).replace(
        "    if (count == 0) {", "    if (count == 0 || !in_range(count * SCALE_FACTOR)) {"
    )
    assert "in_range(values[count])" in clean and inapplicable("DRY", clean) is not None
    runner.fake.handler = Script(clean=[fenced(clean)], DRY=[paste])
    store = runner.run(principles="DRY", skip_inapplicable=True)
    assert store.get_sample("sum-max/c0+DRY").reason == Reason.NOT_APPLICABLE
    assert not [r for r in runner.fake.requests if purpose(r) == "DRY"]


def test_a_wrong_answer_is_asked_again_with_what_was_wrong(runner: Runner) -> None:
    """The body copied with its parameter names: the next request shows the model its own
    answer and says which names belong where; the corrected answer is pasted."""
    helper = PRINT_LINE[PRINT_LINE.index("{") + 1 : PRINT_LINE.index("\n}")]
    as_is = fenced(textwrap.dedent(helper).strip() + "\n", prose=False)

    def keep_names(body: dict) -> str:
        first = "scaled" in body["messages"][-1]["content"] and corrected(body) is None
        return as_is if first else paste(body)

    runner.fake.handler = _lines_script(keep_names)
    store = runner.run(principles="DRY", skip_inapplicable=True)
    v = store.get_sample("sum-max/c0+DRY")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    asked = [r for r in runner.fake.requests if purpose(r) == "DRY"]
    assert len(asked) == 4 and v.attempts == 4  # three lines, the scaled one twice
    told = asked[3]["messages"]
    assert told[:-2] == asked[2]["messages"] and told[-2] == {"role": "assistant", "content": as_is}
    assert told[-1]["content"].startswith(
        'Not quite: it still writes label where "scaled" belongs,'
        " value where (total * SCALE_FACTOR) belongs: `int shown = value;` should read"
        " `int shown = (total * SCALE_FACTOR);`. Copy the statements of the body of"
        " print_line again, all of them, with"
    )
    assert "print_line" not in v.code and v.outputs == REFERENCE
    assert v.followup_prompts == [load_template("targeted/paste_fix").sha]
    by_id = {x.id: x for x in store.samples()}
    row = export.record(Row(v, ("DRY",), "uncurated"), by_id, {})
    assert row["prompt_hashes"] == [
        load_template("clean").sha,
        load_template("targeted/declean_dry").sha,
        load_template("targeted/paste_fix").sha,
    ]


def test_an_echoed_call_line_is_asked_again_then_keeps_its_call(runner: Runner) -> None:
    def echo_scaled(body: dict) -> str:
        last = body["messages"][-1]["content"]
        return (
            fenced('print_line("scaled", 0);\n', prose=False) if "scaled" in last else paste(body)
        )

    runner.fake.handler = _lines_script(echo_scaled)
    store = runner.run(principles="DRY", skip_inapplicable=True)
    v = store.get_sample("sum-max/c0+DRY")
    asked = [r for r in runner.fake.requests if purpose(r) == "DRY"]
    assert len(asked) == 4  # the scaled line twice, warmer the second time
    temps = [r["temperature"] for r in asked if "scaled" in r["messages"][-1]["content"]]
    assert temps[1] > temps[0]
    assert v.code.count('print_line("scaled", total * SCALE_FACTOR);') == 1  # kept its call
    assert "void print_line" in v.code  # ...so the helper stays
    assert not [r for r in v.repairs if r.startswith("removed")]
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    assert v.evidence.confirmed


def test_no_line_pasted_is_a_no_op_retried_with_new_seeds(runner: Runner) -> None:
    runner.fake.handler = _lines_script(lambda body: fenced("print_line(x);\n", prose=False))
    store = runner.run(principles="DRY", skip_inapplicable=True, retries=1)
    v = store.get_sample("sum-max/c0+DRY")
    assert v.status == Status.REJECTED and v.reason == Reason.NO_OP
    assert "no call of print_line was replaced" in v.detail
    seeds = {r["seed"] for r in runner.fake.requests if purpose(r) == "DRY"}
    assert len(seeds) == 12  # 2 attempts x 3 lines x 2 tries, each its own seed


def test_given_clean_solutions_are_run_as_they_are_and_de_cleaned(
    runner: Runner, tmp_path: Path
) -> None:
    given = tmp_path / "mine"
    given.mkdir()
    (given / "sum-max.c").write_text(program("clean"))
    runner.fake.handler = happy_script()
    store = runner.run(principles="MC", clean_from=given, samples=3)
    clean = store.get_sample("sum-max/c0")
    assert clean.status == Status.ACCEPTED and clean.code == program("clean")
    assert clean.meta["source"] == str(given / "sum-max.c") and clean.model is None
    assert clean.outputs == REFERENCE and store.get_sample("sum-max/c1") is None
    assert not [r for r in runner.fake.requests if purpose(r) == "clean"]
    assert store.get_sample("sum-max/c0+MC").status == Status.ACCEPTED


def test_a_missing_given_solution_fails_before_any_request(runner: Runner, tmp_path: Path) -> None:
    runner.fake.handler = happy_script()
    with pytest.raises(
        ConfigError, match=r"--clean-from .*: no <problem-id>.c or <problem-id>/\*.c for sum-max"
    ):
        runner.run(principles="MC", clean_from=tmp_path)
    assert runner.fake.requests == []


def roots(tmp_path: Path) -> Path:
    """Two given roots of sum-max in a folder, as `declean problems import` writes them."""
    folder = tmp_path / "roots" / "sum-max"
    folder.mkdir(parents=True)
    (folder / "a-helpers.c").write_text(program("clean"))
    (folder / "b-main-only.c").write_text(program("main_only"))
    return folder.parent


def test_a_folder_of_roots_gives_a_clean_sample_per_file_in_sorted_order(
    runner: Runner, tmp_path: Path
) -> None:
    given = roots(tmp_path)
    # No --samples: every root of the folder is wanted, not the default 3 a model is asked.
    store = runner.run(principles="MC", clean_from=given, editor="procedural", samples=None)
    for k, name in enumerate(["a-helpers.c", "b-main-only.c"]):
        clean = store.get_sample(f"sum-max/c{k}")
        assert clean.status == Status.ACCEPTED and clean.outputs == REFERENCE
        assert clean.meta["source"] == str(given / "sum-max" / name)
        assert store.get_sample(f"sum-max/c{k}+MC").status == Status.ACCEPTED
    assert store.get_sample("sum-max/c2") is None and runner.fake.requests == []


def test_samples_caps_the_roots_used_per_problem(runner: Runner, tmp_path: Path) -> None:
    given = roots(tmp_path)
    store = runner.run(principles="MC", clean_from=given, editor="procedural", samples=1)
    assert {s.id for s in store.samples()} == {"sum-max/c0", "sum-max/c0+MC"}
    assert store.get_sample("sum-max/c0").meta["source"].endswith("a-helpers.c")


def test_an_empty_roots_folder_fails_before_the_run(runner: Runner, tmp_path: Path) -> None:
    (tmp_path / "sum-max").mkdir()
    with pytest.raises(ConfigError, match=r"no <problem-id>.c or <problem-id>/\*.c for sum-max"):
        runner.run(principles="MC", clean_from=tmp_path, editor="procedural")


def test_a_given_solution_that_does_not_compile_is_rejected_with_its_file(
    runner: Runner, tmp_path: Path
) -> None:
    (tmp_path / "sum-max.c").write_text(program("clean").replace("return 0;", "return 0"))
    runner.fake.handler = happy_script()
    store = runner.run(principles="MC", clean_from=tmp_path)
    clean = store.get_sample("sum-max/c0")
    assert clean.reason == Reason.COMPILE_FAILED and str(tmp_path / "sum-max.c") in clean.detail
    assert runner.fake.requests == []


def test_every_label_set_is_made_from_its_subset_without_the_last(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="MC,DRY,NAME")  # canonical order inside an id: DRY, MC, NAME
    variants = {s.id: s for s in store.samples(kind=Kind.VARIANT)}
    assert set(variants) == {
        "sum-max/c0+DRY",
        "sum-max/c0+MC",
        "sum-max/c0+NAME",
        "sum-max/c0+DRY+MC",
        "sum-max/c0+DRY+NAME",
        "sum-max/c0+MC+NAME",
        "sum-max/c0+DRY+MC+NAME",
    }
    for sid, v in variants.items():
        assert v.parent_id == sid.rsplit("+", 1)[0] and v.principle == sid.rsplit("+", 1)[1]
        assert v.status != Status.PENDING
    both = variants["sum-max/c0+MC+NAME"]
    assert both.status == Status.ACCEPTED, (both.reason, both.detail)
    assert both.labels[:2] == [Principle.MC, Principle.NAME]  # NAME without DRY, at last
    assert "#define" not in both.code and "read_values" not in both.code


def test_a_subset_whose_parent_was_rejected_is_recorded_without_a_request(
    runner: Runner,
) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="DRY,MC,NAME", skip_inapplicable=True)
    dry = store.get_sample("sum-max/c0+DRY")
    assert dry.reason == Reason.NOT_APPLICABLE
    for sid in ("sum-max/c0+DRY+MC", "sum-max/c0+DRY+NAME", "sum-max/c0+DRY+MC+NAME"):
        s = store.get_sample(sid)
        assert (s.status, s.reason, s.attempts) == (Status.REJECTED, Reason.NOT_APPLICABLE, 0)
        assert s.detail.startswith("sum-max/c0+DRY: ") and s.detail.endswith(dry.detail)
    assert store.get_sample("sum-max/c0+MC+NAME").status == Status.ACCEPTED
    asked = {r["messages"][-1]["content"] for r in runner.fake.requests if purpose(r) == "DRY"}
    assert not asked


def test_a_variant_rejected_for_another_reason_stops_its_supersets(runner: Runner) -> None:
    script = happy_script()
    script.replies["MC"] = [FakeReply(status=503)]
    runner.fake.handler = script
    store = runner.run(principles="MC,NAME", max_retries=1)
    assert store.get_sample("sum-max/c0+MC").reason == Reason.LLM_ERROR
    top = store.get_sample("sum-max/c0+MC+NAME")
    assert (top.reason, top.attempts) == (Reason.PARENT_REJECTED, 0)
    assert "llm_error" in top.detail
    assert store.get_sample("sum-max/c0+NAME").status == Status.ACCEPTED


def test_chain_in_random_order_is_one_shuffled_path(runner: Runner) -> None:
    runner.fake.handler = happy_script()
    store = runner.run(principles="DRY,MC,NAME", combinations="chain", order="random", seed=4)
    ids = {s.id for s in store.samples(kind=Kind.VARIANT)}
    # seed 4 shuffles this sample's order to MC, NAME, DRY (seeds 0 and 3 keep it)
    assert ids == {"sum-max/c0+MC", "sum-max/c0+MC+NAME", "sum-max/c0+MC+NAME+DRY"}
