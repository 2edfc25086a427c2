"""Problem-level train/test split, balanced by search.

Every sample of a problem goes to the same split (so near-identical programs never leak
from train into test; all samples of a clean ancestor share its problem, hence its split).
Among such assignments we search for the one whose per-label frequencies differ least
between the splits while the test share stays close to the requested size: random
restarts, each followed by a best-improvement local search over single moves and swaps.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from generator.dataset.rows import LABEL_NAMES, NONE_LABEL, Row, Source
from generator.errors import ConfigError, DecleanError
from generator.store import Store

TRAIN, TEST = "train", "test"
BALANCE_LABELS: list[str] = [*LABEL_NAMES, NONE_LABEL]


def meta_key(source: Source) -> str:
    return f"dataset_split:{source.value}"


@dataclass(frozen=True)
class Balance:
    """Per-label counts and frequencies in each split; `max_gap` is what the search minimises."""

    labels: list[str]
    train: list[int]
    test: list[int]
    n_train: int
    n_test: int
    problems_train: int
    problems_test: int

    def freq(self, split: str, i: int) -> float:
        n = self.n_train if split == TRAIN else self.n_test
        counts = self.train if split == TRAIN else self.test
        return counts[i] / n if n else 0.0

    def gap(self, i: int) -> float:
        return abs(self.freq(TRAIN, i) - self.freq(TEST, i))

    @property
    def max_gap(self) -> float:
        gaps = [self.gap(i) for i in range(len(self.labels)) if self.train[i] + self.test[i]]
        return max(gaps, default=0.0)

    @property
    def test_share(self) -> float:
        total = self.n_train + self.n_test
        return self.n_test / total if total else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "labels": {
                name: {
                    "train": self.train[i],
                    "test": self.test[i],
                    "train_freq": round(self.freq(TRAIN, i), 4),
                    "test_freq": round(self.freq(TEST, i), 4),
                    "gap": round(self.gap(i), 4),
                }
                for i, name in enumerate(self.labels)
            },
            "samples": {TRAIN: self.n_train, TEST: self.n_test},
            "problems": {TRAIN: self.problems_train, TEST: self.problems_test},
            "test_share": round(self.test_share, 4),
            "max_gap": round(self.max_gap, 4),
        }


@dataclass(frozen=True)
class Groups:
    """Rows aggregated per problem: the unit the split moves around."""

    problems: list[str]
    counts: np.ndarray  # (n_problems, n_labels): rows of the problem carrying each label
    sizes: np.ndarray  # (n_problems,): rows per problem

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Groups:
        problems = sorted({r.problem_id for r in rows})
        index = {p: i for i, p in enumerate(problems)}
        counts = np.zeros((len(problems), len(BALANCE_LABELS)), dtype=np.int64)
        sizes = np.zeros(len(problems), dtype=np.int64)
        for r in rows:
            i = index[r.problem_id]
            sizes[i] += 1
            for name in r.labels or (NONE_LABEL,):
                counts[i, BALANCE_LABELS.index(name)] += 1
        return cls(problems, counts, sizes)

    def balance(self, in_test: np.ndarray) -> Balance:
        test = self.counts[in_test].sum(axis=0)
        train = self.counts[~in_test].sum(axis=0)
        return Balance(
            labels=list(BALANCE_LABELS),
            train=[int(x) for x in train],
            test=[int(x) for x in test],
            n_train=int(self.sizes[~in_test].sum()),
            n_test=int(self.sizes[in_test].sum()),
            problems_train=int((~in_test).sum()),
            problems_test=int(in_test.sum()),
        )


def _costs(
    test_counts: np.ndarray, test_sizes: np.ndarray, totals: np.ndarray, n: int, test_size: float
) -> np.ndarray:
    """Cost of many candidate assignments at once, from their test-side counts.

    test_counts: (..., n_labels); test_sizes: (...). Cost = largest per-label frequency gap
    + distance of the test share from the requested size; a tiny mean-gap term breaks ties
    so the search keeps improving the other labels once the worst one is fixed.
    """
    train_sizes = n - test_sizes
    with np.errstate(divide="ignore", invalid="ignore"):
        f_test = test_counts / test_sizes[..., None]
        f_train = (totals - test_counts) / train_sizes[..., None]
        gaps = np.abs(f_test - f_train)[..., totals > 0]
        cost = gaps.max(axis=-1) + np.abs(test_sizes / n - test_size) + 1e-3 * gaps.mean(axis=-1)
    return np.where((test_sizes > 0) & (train_sizes > 0), cost, np.inf)


def _random_assignment(groups: Groups, test_size: float, rng: np.random.Generator) -> np.ndarray:
    """Shuffle the problems and fill the test split up to the requested share of rows."""
    n = int(groups.sizes.sum())
    target = test_size * n
    in_test = np.zeros(len(groups.problems), dtype=bool)
    taken = 0
    for i in rng.permutation(len(groups.problems)):
        size = int(groups.sizes[i])
        if abs(taken + size - target) <= abs(taken - target):
            in_test[i] = True
            taken += size
    if in_test.all() or not in_test.any():
        # Coarse groups can round to an empty side; keep both splits non-empty.
        in_test[:] = False
        in_test[int(rng.integers(len(in_test)))] = True
    return in_test


def _local_search(groups: Groups, in_test: np.ndarray, test_size: float) -> np.ndarray:
    """Best-improvement descent over 'move one problem' and 'swap a test and a train problem'."""
    counts, sizes = groups.counts, groups.sizes
    totals = counts.sum(axis=0)
    n = int(sizes.sum())
    in_test = in_test.copy()
    while True:
        tc, ts = counts[in_test].sum(axis=0), sizes[in_test].sum()
        current = _costs(tc, np.array(ts), totals, n, test_size)
        sign = np.where(in_test, -1, 1)
        flip = _costs(tc + sign[:, None] * counts, ts + sign * sizes, totals, n, test_size)
        test_idx, train_idx = np.flatnonzero(in_test), np.flatnonzero(~in_test)
        swap_counts = tc - counts[test_idx][:, None, :] + counts[train_idx][None, :, :]
        swap_sizes = ts - sizes[test_idx][:, None] + sizes[train_idx][None, :]
        swap = _costs(swap_counts, swap_sizes, totals, n, test_size)
        best_flip = int(np.argmin(flip))
        best_swap = np.unravel_index(int(np.argmin(swap)), swap.shape) if swap.size else None
        swap_cost = swap[best_swap] if best_swap is not None else np.inf
        if min(flip[best_flip], swap_cost) >= current - 1e-12:
            return in_test
        if flip[best_flip] <= swap_cost:
            in_test[best_flip] = ~in_test[best_flip]
        else:
            assert best_swap is not None
            in_test[test_idx[best_swap[0]]] = False
            in_test[train_idx[best_swap[1]]] = True


def check_test_size(test_size: float) -> None:
    if not 0.0 < test_size < 1.0:
        raise ConfigError(f"--test-size must be between 0 and 1 (exclusive), got {test_size}")


def _groups_for(rows: Sequence[Row]) -> Groups:
    groups = Groups.of(rows)
    if len(groups.problems) < 2:
        raise DecleanError(
            f"a problem-level split needs samples from at least 2 problems, found"
            f" {len(groups.problems)}; generate more problems (declean run --limit) first"
        )
    return groups


def random_split(rows: Sequence[Row], test_size: float, seed: int) -> dict[str, str]:
    """The baseline the search must beat: one random problem-level assignment."""
    check_test_size(test_size)
    groups = _groups_for(rows)
    in_test = _random_assignment(groups, test_size, np.random.default_rng(seed))
    return {p: TEST if t else TRAIN for p, t in zip(groups.problems, in_test, strict=True)}


def balanced_split(
    rows: Sequence[Row], test_size: float = 0.5, seed: int = 0, restarts: int = 64
) -> dict[str, str]:
    """The problem -> split assignment with the lowest cost found; deterministic per seed."""
    check_test_size(test_size)
    groups = _groups_for(rows)
    rng = np.random.default_rng(seed)
    totals = groups.counts.sum(axis=0)
    n = int(groups.sizes.sum())
    best, best_cost = None, np.inf
    for _ in range(restarts):
        cand = _local_search(groups, _random_assignment(groups, test_size, rng), test_size)
        cost = float(
            _costs(
                groups.counts[cand].sum(axis=0),
                np.array(groups.sizes[cand].sum()),
                totals,
                n,
                test_size,
            )
        )
        if cost < best_cost - 1e-12:
            best, best_cost = cand, cost
    assert best is not None
    return {p: TEST if t else TRAIN for p, t in zip(groups.problems, best, strict=True)}


def balance_of(rows: Sequence[Row], assignment: dict[str, str]) -> Balance:
    groups = Groups.of(rows)
    in_test = np.array([assignment[p] == TEST for p in groups.problems], dtype=bool)
    return groups.balance(in_test)


def save_split(
    store: Store,
    source: Source,
    assignment: dict[str, str],
    settings: dict[str, object],
) -> None:
    store.curation.replace_split(source.value, assignment)
    store.set_meta(meta_key(source), {**settings, "created_at": time.time()})


def load_split(store: Store, source: Source) -> tuple[dict[str, str], dict[str, object]]:
    """The stored assignment and the settings it was made with; error if `split` never ran."""
    assignment = store.curation.split(source.value)
    settings = store.get_meta(meta_key(source))
    if not assignment or settings is None:
        run_dir = store.path.parent
        raise DecleanError(
            f"{run_dir}: no {source.value} split stored yet; run"
            f" `declean split {run_dir} --source {source.value}` first"
        )
    return assignment, settings
