"""Deduplication of accepted samples: exact after normalisation, then near with MinHash + LSH.

Two programs are compared only inside one group (same problem, same label set): a DRY
variant and an MC variant of the same clean solution are meant to look alike. Within a group,
identical normalised text is an exact duplicate; otherwise LSH proposes candidates over token
shingles and the exact Jaccard similarity of the shingle sets decides, so a sketch collision
never removes a sample on its own. Each cluster keeps one representative: the first in
priority order (smallest id, or a sample that already represented a cluster in an earlier run).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from generator.store import Store

SHINGLE = 5  # tokens per shingle: short enough for 30-line programs, long enough to be specific
NUM_PERM = 64
LSH_SLACK = 0.15  # LSH looks below the threshold; the exact Jaccard check removes the extras

# Comments match first and outside the group, so findall gives "" for them.
_TOKEN = re.compile(
    r"""
    //[^\n]*|/\*.*?(?:\*/|\Z)
    |(
      "(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'
      |[A-Za-z_]\w*
      |\.?\d(?:[eEpP][+-]|[\w.])*
      |->|\+\+|--|<<=|>>=|<<|>>|&&|\|\||[-+*/%&|^!=<>]=|\S
    )
    """,
    re.S | re.X,
)

# Kept as they are when identifiers are canonicalised: renaming `printf` changes behaviour.
_KEEP_WORDS = """auto break case char const continue default do double else enum extern
    float for goto if inline int long register restrict return short signed sizeof static
    struct switch
    typedef union unsigned void volatile while _Bool bool true false NULL include define
    ifdef ifndef endif undef pragma main printf scanf puts putchar getchar fgets fprintf
    sprintf snprintf sscanf malloc calloc realloc free strlen strcmp strcpy strncpy strcat
    memcpy memset memmove abs exit stdin stdout stderr size_t EOF stdio stdlib string h
    math sqrt pow qsort atoi strtol isdigit isalpha isspace toupper tolower"""
_KEEP = frozenset(_KEEP_WORDS.split())


def tokens(code: str, canonical_identifiers: bool = False) -> list[str]:
    """C tokens without comments or whitespace; string and char literals stay whole."""
    out = list(filter(None, _TOKEN.findall(code)))
    if canonical_identifiers:
        names: dict[str, str] = {}
        out = [
            names.setdefault(t, f"@{len(names)}")
            if (t[0].isalpha() or t[0] == "_") and t not in _KEEP
            else t
            for t in out
        ]
    return out


def normalize(code: str, canonical_identifiers: bool = False) -> str:
    """The program with comments removed and whitespace reduced to one space between tokens."""
    return " ".join(tokens(code, canonical_identifiers))


_POWERS = np.array([1_000_003**j % 2**64 for j in range(SHINGLE - 1, -1, -1)], dtype=np.uint64)


def shingles(toks: list[str], k: int = SHINGLE, cache: dict[str, int] | None = None) -> np.ndarray:
    """Distinct 32-bit hashes of the k-token windows (the whole text if shorter than k)."""
    cache = {} if cache is None else cache
    try:
        hs = [cache[t] for t in toks]
    except KeyError:
        for t in toks:
            if t not in cache:
                cache[t] = zlib.crc32(t.encode())
        hs = [cache[t] for t in toks]
    if not hs:
        return np.zeros(0, dtype=np.uint32)
    arr = np.asarray(hs, dtype=np.uint64)
    k = min(k, len(arr))
    # A polynomial over each window (wrapping uint64 arithmetic), mixed afterwards:
    # vectorised and order-sensitive.
    windows = np.lib.stride_tricks.sliding_window_view(arr, k)
    acc = windows @ _POWERS[-k:]
    acc ^= acc >> np.uint64(29)
    acc = (acc * np.uint64(0x9E3779B1)) & np.uint64(0xFFFFFFFF)
    return np.unique(acc.astype(np.uint32))


@dataclass
class Match:
    representative: str
    method: Literal["exact", "near"]
    similarity: float


def cluster(
    items: Iterable[tuple[str, str]],
    threshold: float = 0.85,
    canonical_identifiers: bool = False,
) -> dict[str, Match]:
    """Duplicates of one group, in priority order: earlier items become representatives.

    Returns {duplicate_id: Match} for every item that is not a representative.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    matches, reps, sets = _exact_duplicates(items, threshold < 1.0, canonical_identifiers)
    if len(reps) < 2:
        return matches
    matches.update(_near_duplicates(reps, sets, threshold))
    return _through_near(matches)


def _exact_duplicates(
    items: Iterable[tuple[str, str]], near_too: bool, canonical_identifiers: bool
) -> tuple[dict[str, Match], list[str], list[np.ndarray]]:
    """Items with the same tokens as an earlier one, and (when `near_too`) the others' ids
    and shingle sets, for the near-duplicate search."""
    matches: dict[str, Match] = {}
    by_text: dict[bytes, str] = {}
    reps: list[str] = []
    sets: list[np.ndarray] = []
    token_hashes: dict[str, int] = {}
    for sid, code in items:
        toks = tokens(code, canonical_identifiers)
        # A digest, not the text: 100,000 programs must fit in memory with room to spare.
        key = hashlib.blake2b(" ".join(toks).encode(), digest_size=16).digest()
        first = by_text.setdefault(key, sid)
        if first != sid:
            matches[sid] = Match(first, "exact", 1.0)
        elif near_too:
            reps.append(sid)
            sets.append(shingles(toks, cache=token_hashes))
    return matches, reps, sets


def _near_duplicates(reps: list[str], sets: list[np.ndarray], threshold: float) -> dict[str, Match]:
    """Each later item whose shingle Jaccard with an earlier representative reaches
    `threshold`; LSH proposes the candidate pairs, the exact Jaccard decides."""
    from datasketch import MinHash, MinHashLSH

    # Shingles are already 32-bit hashes: `int` passes them through at C speed.
    base = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
    lsh = MinHashLSH(threshold=max(0.3, threshold - LSH_SLACK), num_perm=NUM_PERM)
    sketches = []
    with lsh.insertion_session() as session:
        for i, s in enumerate(sets):
            m = base.copy()
            m.update_batch(s.tolist())
            sketches.append(m)
            session.insert(i, m, check_duplication=False)

    matches: dict[str, Match] = {}
    taken: dict[int, int] = {}  # near duplicate index -> representative index
    for i, m in enumerate(sketches):
        if i in taken:
            continue
        for j in lsh.query(m):
            if j <= i or j in taken:
                continue
            sim = _jaccard(sets[i], sets[j])
            if sim >= threshold:
                taken[j] = i
                matches[reps[j]] = Match(reps[i], "near", round(sim, 4))
    return matches


def _through_near(matches: dict[str, Match]) -> dict[str, Match]:
    """An exact duplicate of a near duplicate belongs to the near duplicate's representative."""
    for sid, match in matches.items():
        inner = matches.get(match.representative)
        if match.method == "exact" and inner is not None:
            matches[sid] = Match(inner.representative, "near", inner.similarity)
    return matches


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - inter
    return inter / union if union else 1.0


def find_clusters(
    items: list[tuple[str, str]],
    threshold: float = 0.85,
    canonical_identifiers: bool = False,
) -> dict[str, str]:
    """{duplicate_id: representative_id} for one group; the smallest id represents a cluster."""
    found = cluster(sorted(items), threshold, canonical_identifiers)
    return {sid: m.representative for sid, m in found.items()}


@dataclass
class DedupReport:
    threshold: float
    canonical_identifiers: bool
    groups: int = 0
    checked: int = 0
    exact: int = 0
    near: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    by_group: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def duplicates(self) -> int:
        return self.exact + self.near

    def __str__(self) -> str:
        kinds = ", ".join(
            f"{k} {row['duplicates']}/{row['checked']}" for k, row in sorted(self.by_kind.items())
        )
        return (
            f"{self.duplicates} duplicates ({self.exact} exact, {self.near} near) among "
            f"{self.checked} accepted samples in {self.groups} groups"
            + (f" [{kinds}]" if kinds else "")
        )

    def _count(self, table: dict[str, dict[str, int]], key: str, what: str) -> None:
        row = table.setdefault(key, {"checked": 0, "duplicates": 0})
        row[what] += 1


def group_key(problem_id: str, labels: Iterable[str]) -> str:
    return f"{problem_id}[{','.join(sorted(labels))}]"


def dedup_store(
    store: Store, threshold: float = 0.85, canonical_identifiers: bool = False
) -> DedupReport:
    """Mark duplicates among accepted samples as rejected (`duplicate`), in one transaction.

    Idempotent: a second run finds only the representatives left and changes nothing.
    """
    from generator.records import Reason, Status

    report = DedupReport(threshold, canonical_identifiers)
    groups: dict[tuple[str, frozenset[str]], list] = defaultdict(list)
    for s in store.samples(status=Status.ACCEPTED):
        groups[(s.problem_id, frozenset(p.value for p in s.labels))].append(s)

    changed = []
    for (problem_id, labels), samples in sorted(groups.items(), key=lambda g: group_key(*g[0])):
        key = group_key(problem_id, labels)
        report.groups += 1
        # Earlier representatives win, so new generations never displace a pushed sample.
        samples.sort(key=lambda s: (s.dedup_cluster != s.id, s.id))
        found = cluster([(s.id, s.code) for s in samples], threshold, canonical_identifiers)
        for s in samples:
            report.checked += 1
            report._count(report.by_kind, s.kind.value, "checked")
            report._count(report.by_group, key, "checked")
            match = found.get(s.id)
            if match is None:
                if s.dedup_cluster != s.id:
                    s.dedup_cluster = s.id
                    changed.append(s)
                continue
            report._count(report.by_kind, s.kind.value, "duplicates")
            report._count(report.by_group, key, "duplicates")
            if match.method == "exact":
                report.exact += 1
            else:
                report.near += 1
            s.dedup_cluster = match.representative
            s.meta["dedup"] = {
                "of": match.representative,
                "method": match.method,
                "similarity": match.similarity,
                "threshold": threshold,
                "canonical_identifiers": canonical_identifiers,
            }
            s.reject(Reason.DUPLICATE, f"duplicate of {match.representative}")
            changed.append(s)
    store.save_samples(changed)
    return report
