"""The house's layers, read from the code's own imports (lazy ones included): no circle, and
no module importing one of a layer above its own. From the bottom: the vocabulary (the
`Principle` enum, the evidence models, errors); the C library (`generator/c/`); the run's
runtime (records, store, LLM, sandbox, config); the principles, and the analysers their
evidence is checked against; the stages, which orchestrate; everything that drives them."""

from __future__ import annotations

from tests.imports import circles, graph

# (module or package, layer): the longest match wins; anything unlisted is on top.
LAYERS = {
    "generator.errors": 0,
    "generator.limits": 0,
    "generator.evidence": 0,
    "generator.principles.verdict": 0,
    "generator.c": 1,
    "sandbox": 2,
    "generator.records": 2,
    "generator.store": 2,
    "generator.store.faults": 2,
    "generator.llm": 2,
    "generator.prompts": 2,
    "generator.config": 2,
    "generator.context": 2,
    "generator.dedup": 2,
    "generator.problems": 2,
    "generator.runlock": 2,
    "generator.twins": 2,
    "generator.principles.base": 3,
    "generator.principles.check": 3,
    "generator.principles.small_edits": 3,
    "generator.principles.dry": 3,
    "generator.principles.srp": 3,
    "generator.principles.mc": 3,
    "generator.principles.name": 3,
    "generator.independent": 3,
    "generator.stages": 4,
    "generator.independent.audit": 5,  # a report over a run and its curation
}
TOP = 5
# Packages whose own face is low while what they hold is not.
FACES = {"generator": 0, "generator.principles": 0}  # the version; the `Principle` enum


def layer(module: str) -> int:
    if module in FACES:
        return FACES[module]
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if (found := LAYERS.get(".".join(parts[:n]))) is not None:
            return found
    return TOP


def test_no_module_imports_round_a_circle() -> None:
    assert circles(graph()) == []


def test_no_module_imports_one_of_a_layer_above() -> None:
    edges = graph()
    upward = [
        f"{m} ({layer(m)}) -> {t} ({layer(t)})"
        for m, targets in sorted(edges.items())
        for t in sorted(targets)
        if layer(t) > layer(m)
    ]
    assert upward == []


def test_the_graph_sees_lazy_imports_and_skips_type_checking_ones() -> None:
    edges = graph()
    # stages/declean.py imports the analysers' hook at its top, a principle module imports
    # the C library's tidy inside a function, and principles/base.py names Context only for
    # type checking.
    assert "generator.independent.hook" in edges["generator.stages.declean"]
    assert "generator.c.tidy" in edges["generator.principles.dry.rule"]
    assert "generator.context" not in edges["generator.principles.base"]
