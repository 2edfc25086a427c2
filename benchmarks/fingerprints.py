"""Fingerprints: can a classifier tell declean's procedural edits from the programs they came
from, when a reviewer would not tell them apart?

Takes an export whose roots are real programs (`make dataset COURSE=...`) and keeps the
variants whose reviewer labels equal their root's: what the edit changed is then nothing a
reviewer flags, so whatever a classifier still finds is a mark of the editor, not of a
principle. A character n-gram TF-IDF logistic regression separates those variants from all
roots; ROC AUC is cross-validated by problem (no exercise on both sides). 0.5: no mark; 1.0:
every edit is recognisable. Per transform, the same AUC says which edit leaves the mark.

The AUC is weighted so that in each problem the roots and the variants weigh the same: a
problem with one hand-written root and fifteen variants beside one with eight course roots
and a few variants would otherwise let the classifier score by telling the two kinds of
roots apart (English references against student code), which is no mark of an edit.

    .venv/bin/python benchmarks/fingerprints.py EXPORT_DIR [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datasets import concatenate_datasets, load_from_disk
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import make_pipeline


def rows(export: Path) -> tuple[list[str], list[int], list[str], list[str]]:
    dsd = load_from_disk(str(export / "arrow"))
    ds = concatenate_datasets([dsd["train"], dsd["test"]])
    names = ds.features["labels"].feature.names
    by_id = {r["id"]: r for r in ds}
    codes, target, groups, transforms = [], [], [], []
    for r in ds:
        labels = {names[i] for i in r["labels"]}
        if "NO_COMPILE" in labels:
            continue
        if r["kind"] == "clean":
            codes.append(r["code"]), target.append(0), groups.append(r["problem_id"])
            transforms.append("")
            continue
        root = by_id.get(r["root_id"])
        if root is None or {names[i] for i in root["labels"]} != labels:
            continue  # the edit changed what a reviewer says: not a pure mark
        codes.append(r["code"]), target.append(1), groups.append(r["problem_id"])
        transforms.append(r["transform"] or "?")
    return codes, target, groups, transforms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    codes, target, groups, transforms = rows(args.export)
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        LogisticRegression(max_iter=2000, class_weight="balanced"),
    )
    folds = GroupKFold(n_splits=min(args.folds, len(set(groups))))
    scores = cross_val_predict(model, codes, target, groups=groups, cv=folds,
                               method="predict_proba")[:, 1]  # fmt: skip
    print(f"export {args.export.resolve()}")
    print(f"roots {target.count(0)}, variants a reviewer would not tell apart {target.count(1)}")
    print("| edits | variants | ROC AUC (edit vs root) |\n|---|---|---|")
    weights = balanced(target, groups)
    print(
        f"| all | {target.count(1)} | {roc_auc_score(target, scores, sample_weight=weights):.2f} |"
    )
    for name, n in Counter(t for t in transforms if t).most_common():
        keep = [i for i, t in enumerate(transforms) if t in ("", name)]
        auc = roc_auc_score(
            [target[i] for i in keep],
            [scores[i] for i in keep],
            sample_weight=balanced([target[i] for i in keep], [groups[i] for i in keep]),
        )
        print(f"| {name} | {n} | {auc:.2f} |")


def balanced(target: list[int], groups: list[str]) -> list[float]:
    """Weights giving the roots and the variants of each problem the same total (a problem
    with only one of the two kinds says nothing of a mark and weighs nothing)."""
    count = Counter(zip(groups, target, strict=True))
    return [
        (1.0 / count[(g, t)]) if count[(g, 1 - t)] else 0.0
        for g, t in zip(groups, target, strict=True)
    ]


if __name__ == "__main__":
    main()
