"""The two pictures in the dataset card: label distribution per split, and the funnel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.dataset.rows import NO_COMPILE, NONE_LABEL

if TYPE_CHECKING:
    from datasets import DatasetDict

LABELS_PNG = "labels.png"
FUNNEL_PNG = "funnel.png"


def label_counts(dsd: DatasetDict) -> dict[str, dict[str, int]]:
    """split -> label -> rows carrying it; rows with no label count under NONE_LABEL."""
    names = dsd["train"].features["labels"].feature.names
    out: dict[str, dict[str, int]] = {}
    for split, ds in dsd.items():
        counts = dict.fromkeys([*names, NONE_LABEL], 0)
        for labels in ds["labels"]:
            for i in labels or []:
                counts[names[i]] += 1
            if not labels:
                counts[NONE_LABEL] += 1
        out[split] = counts
    return out


def funnel_steps(funnel: dict[str, Any], dsd: DatasetDict) -> list[tuple[str, int]]:
    """(stage, count) from generation to export, rejections listed by reason."""
    steps: list[tuple[str, int]] = []
    for kind, k in funnel["samples"].items():
        steps.append((f"{kind}: generated", k["total"]))
        for reason, n in sorted(k["rejected"].items(), key=lambda kv: -kv[1]):
            steps.append((f"{kind}: rejected, {reason}", n))
        steps.append((f"{kind}: accepted", k["accepted"]))
    for decision, n in sorted(funnel["curation"].items()):
        steps.append((f"curation: {decision}", n))
    exported = sum(ds.num_rows for ds in dsd.values())
    no_compile = sum(c.get(NO_COMPILE, 0) for c in label_counts(dsd).values())
    # Compile failures re-enter as NO_COMPILE rows, so the export can exceed "accepted".
    name = f"exported (incl. {no_compile} NO_COMPILE)" if no_compile else "exported"
    steps.append((name, exported))
    return steps


def write(directory: Path, dsd: DatasetDict, funnel: dict[str, Any]) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and in CI
    import matplotlib.pyplot as plt

    directory.mkdir(parents=True, exist_ok=True)
    counts = label_counts(dsd)
    names = list(next(iter(counts.values())))
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.8 / len(counts)
    for k, (split, c) in enumerate(counts.items()):
        xs = [i + k * width for i in range(len(names))]
        bars = ax.bar(xs, [c[n] for n in names], width, label=f"{split} ({dsd[split].num_rows})")
        ax.bar_label(bars, fontsize=8)
    ax.set_xticks([i + width * (len(counts) - 1) / 2 for i in range(len(names))], names)
    ax.set_ylabel("samples")
    ax.set_title("Labels per split")
    ax.legend()
    fig.tight_layout()
    labels_png = directory / LABELS_PNG
    fig.savefig(labels_png, dpi=120)
    plt.close(fig)

    steps = funnel_steps(funnel, dsd)
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(steps) + 1.2))
    colors = ["#c0504d" if "rejected" in s else "#4f81bd" for s, _ in steps]
    bars = ax.barh([s for s, _ in steps], [n for _, n in steps], color=colors)
    ax.bar_label(bars, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("samples")
    ax.set_title("Generation funnel")
    fig.tight_layout()
    funnel_png = directory / FUNNEL_PNG
    fig.savefig(funnel_png, dpi=120)
    plt.close(fig)
    return [labels_png, funnel_png]
