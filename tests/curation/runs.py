"""The run the curation tests push, annotate and pull: made by the real pipeline
(tests/runs.py), built once a session; every call gives a copy of its own."""

from __future__ import annotations

from pathlib import Path

from generator.records import Status
from generator.store import Store
from tests.runs import Root, Spec, copy

# Two problems, one chain each (MC, then NAME): `temperature-table` gives its root, an MC
# variant (named constants inlined) and an MC+NAME variant of that; `towers-of-hanoi` gives
# its root, whatever its chain gives (the verdict sees nothing of its MC edit, so NAME is made
# from the root), and a second root with a slip in it, which the clean stage rejects.
SMALL = Spec(
    "curation-small",
    roots=(
        Root("temperature-table"),
        Root("towers-of-hanoi"),
        Root("towers-of-hanoi", "broken"),
    ),
    principles="MC,NAME",
    combinations="chain",
)
CLEAN = "temperature-table/c0"
MC = "temperature-table/c0+MC"
MC_NAME = "temperature-table/c0+MC+NAME"
OTHER = "towers-of-hanoi/c0"  # another problem's root
REJECTED = "towers-of-hanoi/c1"  # the root that does not compile


def small_run(run_dir: Path) -> Store:
    """A copy of the run, its store open."""
    return Store.open(copy(SMALL, run_dir), create=False)


def accepted(store: Store) -> list[str]:
    """The ids of the samples `store` holds accepted: what a push sends, one record each."""
    return sorted(s.id for s in store.samples(status=Status.ACCEPTED))


def counts(**decisions: int) -> dict[str, int]:
    """Decision counts as `pull` reports them: only the decisions some sample has."""
    return {k: n for k, n in decisions.items() if n}


def touched(store: Store, *changed: str) -> list[str]:
    """The accepted samples whose record changes when the code of `changed` does: their own,
    and every one descended from them (a record shows its parent's code and the evidence
    against its root), by id: the order a push sends them in."""
    samples = {s.id: s for s in store.samples()}

    def line(sid: str | None) -> set[str]:
        return set() if sid is None else {sid} | line(samples[sid].parent_id)

    return [sid for sid in accepted(store) if line(sid) & set(changed)]
