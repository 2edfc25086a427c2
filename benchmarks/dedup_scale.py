"""Dedup at scale: 100,000 synthetic C snippets with planted duplicates, in one group.

One group is the worst case (the pipeline splits by problem and label set). A fifth of the
snippets are planted copies of another snippet: reformatted and re-commented (exact after
normalisation) or edited by one or two tokens (near). Recall is the share of planted copies
found in the same cluster as their original; precision is the share of reported duplicates
whose representative is from the same family. Exits 1 if the time or recall target is missed.

    .venv/bin/python benchmarks/dedup_scale.py [--n 100000] [--threshold 0.85]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.dedup import _jaccard, find_clusters, shingles, tokens

TIME_LIMIT_S = 60.0
MIN_RECALL = 0.95

STATEMENTS = [
    "{a} = {b} + {k};",
    "{a} = {b} * {c} - {k};",
    "if ({a} > {k}) {{ {b} = {a} % {m}; }}",
    "for (int {i} = 0; {i} < {k}; {i}++) {{ {a} += {i} * {b}; }}",
    'printf("%d\\n", {a});',
    "while ({a} > {b}) {{ {a} -= {k}; }}",
    "{arr}[{k} % {m}] = {a} ^ {b};",
    "{c} = {f}({a}, {b});",
    "if ({a} == {b} && {c} != {k}) {{ return {k}; }}",
    "{a} = ({b} << {s}) | ({c} >> {s});",
]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_") for _ in range(rng.randint(3, 9)))


def snippet(rng: random.Random) -> str:
    v = [_name(rng) for _ in range(6)]
    fname, arr, helper = _name(rng), _name(rng), _name(rng)
    lines = [f"int {fname}(int {v[0]}, int {v[1]}, int *{arr}) {{", f"    int {v[2]} = 0;"]
    for _ in range(rng.randint(15, 30)):
        a, b, c = rng.sample(v[:3], 3)
        stmt = rng.choice(STATEMENTS).format(
            a=a, b=b, c=c, i=v[3], k=rng.randint(0, 999), m=rng.randint(2, 97),
            s=rng.randint(1, 7), arr=arr, f=helper,
        )  # fmt: skip
        lines.append("    " + stmt)
    lines += [f"    return {v[2]};", "}"]
    return "\n".join(lines) + "\n"


def exact_copy(code: str, rng: random.Random) -> str:
    lines = code.splitlines()
    out = [f"/* copy {rng.randint(0, 10**6)} */"]
    for line in lines:
        sep = rng.choice([" ", "  ", "\t"])
        out.append(sep.join(line.split()) + (" // note" if rng.random() < 0.2 else ""))
    return "\n".join(out) + "\n"


def near_copy(code: str, rng: random.Random) -> str:
    """One or two small edits of the kind an LLM makes: a constant, an operator, a statement."""
    lines = code.splitlines()
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(2, len(lines) - 2)
        edit = rng.random()
        if edit < 0.4:
            lines[i] = re.sub(r"\b\d+\b", str(rng.randint(1000, 9999)), lines[i], count=1)
        elif edit < 0.7:
            lines[i] = re.sub(r" [-+*] ", rng.choice([" - ", " + ", " * "]), lines[i], count=1)
        elif edit < 0.85:
            del lines[i]
        else:
            lines.insert(i, "    x++;")
    return "\n".join(lines) + "\n"


def build(n: int, seed: int) -> tuple[list[tuple[str, str]], dict[str, int], int]:
    rng = random.Random(seed)
    n_planted = n // 5
    originals = [snippet(rng) for _ in range(n - n_planted)]
    family = list(range(len(originals)))
    codes = list(originals)
    for _ in range(n_planted):
        f = rng.randrange(len(originals))
        make = exact_copy if rng.random() < 0.3 else near_copy
        codes.append(make(originals[f], rng))
        family.append(f)
    order = list(range(n))
    rng.shuffle(order)  # planted copies get ids before and after their originals
    items, fam = [], {}
    for new_pos, old in enumerate(order):
        sid = f"s{new_pos:06d}"
        items.append((sid, codes[old]))
        fam[sid] = family[old]
    return items, fam, n_planted


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--threshold", type=float, default=0.85)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    t0 = time.perf_counter()
    items, fam, n_planted = build(args.n, args.seed)
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    dups = find_clusters(items, threshold=args.threshold)
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # Each family should end up as one cluster: count members beyond the first that share
    # the family's most common cluster.
    members: dict[int, list[str]] = {}
    for sid, f in fam.items():
        members.setdefault(f, []).append(sid)
    found = 0
    for ids in members.values():
        if len(ids) > 1:
            clusters = [dups.get(sid, sid) for sid in ids]
            found += max(clusters.count(c) for c in set(clusters)) - 1
    recall = found / n_planted if n_planted else 1.0
    # How many planted copies really are above the threshold (edits can push one below it).
    codes = dict(items)
    above = 0
    for ids in members.values():
        sets = [shingles(tokens(codes[sid])) for sid in ids]
        for a in range(1, len(ids)):
            if max(_jaccard(sets[a], sets[b]) for b in range(len(ids)) if b != a) >= args.threshold:
                above += 1
    correct = sum(1 for d, r in dups.items() if fam[d] == fam[r])
    precision = correct / len(dups) if dups else 1.0

    print(f"snippets          {args.n:>10,}  (generated in {t_gen:.1f} s)")
    print(f"planted copies    {n_planted:>10,}")
    print(f"  above threshold {above:>10,}  (true Jaccard of shingles >= {args.threshold})")
    print(f"reported dups     {len(dups):>10,}")
    print(f"time              {elapsed:>10.1f} s  (limit {TIME_LIMIT_S:.0f} s)")
    print(f"peak memory       {peak_mb:>10.0f} MB (process max RSS)")
    print(f"recall            {recall:>10.4f}  (target >= {MIN_RECALL})")
    print(f"precision         {precision:>10.4f}")
    ok = elapsed < TIME_LIMIT_S and recall >= MIN_RECALL
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
