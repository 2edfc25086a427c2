"""The dataset card: README.md with the YAML header the Hub and `load_dataset` read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.dataset.card_real import real_section
from generator.dataset.figures import FUNNEL_PNG, LABELS_PNG, funnel_steps, label_counts

if TYPE_CHECKING:
    from datasets import DatasetDict

FIELDS = {
    "id": "sample id: `<problem>/c<k>` for a clean program, `<parent>+<PRINCIPLE>` per step",
    "problem_id": "the exercise; train and test never share one",
    "problem": "the exercise statement",
    "code": "the C program",
    "labels": "gold labels (ClassLabel list): principles broken, or NO_COMPILE; empty = clean."
    " In a `reviewer` export, what a reviewer would say of the code (the principles' verdicts);"
    " in an `injected` one, what the edits did",
    "clean_code": "the clean program this sample was derived from",
    "parent_id": "the sample this one was rewritten from (null for a clean program)",
    "root_id": "the clean ancestor",
    "kind": "`clean` or `variant`",
    "principle": "the principle broken by the last rewrite step",
    "editor": "who made the last step: `procedural` (a seeded program edit) or `llm`",
    "transform": "which edit: inline_constants, vague_rename, paste_helper, unroll_loop, ...",
    "generated_labels": "labels the generator intended, before curation",
    "injected": "what the edits did to the clean program (today's evidence), whatever the labels"
    " say: an edit a reviewer would let pass is injected but not labelled",
    "compiles": "false for NO_COMPILE rows",
    "compile_error": "compiler message for NO_COMPILE rows",
    "evidence_verdict": "static-analysis verdict for `principle`",
    "evidence_confirmed": "whether the static evidence backs `principle`",
    "evidence_collateral": "other principles the step also broke, per the evidence",
    "evidence_reasons": "one sentence per evidence signal",
    "evidence_metrics": "JSON: the figures behind the verdict",
    "independent_confirmed": "principles clang-tidy/lizard/jscpd see newly broken vs the parent",
    "independent_metrics": "JSON: those analysers' figures for parent and variant",
    "model": "generating model",
    "seed": "sampling seed",
    "temperature": "sampling temperature",
    "prompt_hash": "hash of the prompt template of the last step",
    "prompt_hashes": "prompt template hashes along the lineage, clean program first, fix and "
    "follow-up templates included",
    "attempts": "LLM generations spent on this sample",
    "repairs": "deterministic repairs applied",
    "curation": "curation decision (keep, reject, conflict, pending, or stale: answered on code"
    " since replaced, never applied) or `uncurated`",
    "curation_notes": "curators' notes",
}


def mix_text(manifest: dict[str, Any]) -> str:
    """Each label's rate in the export, beside the target and any real folder's rates."""
    mix = manifest.get("mix")
    if not mix:
        return ""
    target = mix.get("target_rates") or {}
    folders = manifest.get("real_folders") or []
    head = ["label", "rate in this export"]
    head += ["target (natural)"] if target else []
    head += [f"real: {Path(f['directory']).name}" for f in folders]
    rows = []
    for label, rate in mix["rates"].items():
        row = [label, f"{rate:.0%}"] + ([f"{target[label]:.0%}"] if target else [])
        rows.append(row + [f"{f['label_rates'][label]:.0%}" for f in folders])
    how = (
        f"Natural balance: {mix['left_out']} rows of the run were left out so that each label's"
        " rate comes near the target, the mix real course programs have."
        if mix["balance"] == "natural"
        else "Lattice balance: every label set of every clean program, so each label is on"
        " a large share of the rows (real course programs have 7-21%)."
    )
    return how + "\n\n" + _table(head, rows)


def labels_text(meaning: str) -> str:
    if meaning == "reviewer":
        return (
            "`reviewer` labels: what a reviewer would say of each program, by the principles'"
            " verdicts; an edit a reviewer would let pass is a negative, and a clean program"
            " that already breaks a principle carries it; `injected` says what the edits did"
        )
    return "`injected` labels: what the edits did to the clean program"


def size_category(n: int) -> str:
    for bound, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if n < bound:
            return name
    return "100K<n<1M"


def header(dsd: DatasetDict, out: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    from datasets import DatasetInfo
    from datasets.splits import SplitDict, SplitInfo

    from generator.dataset.layout import DATA_DIR, parquet_name

    names = list(dsd)  # train, test, and `real` when the demo's feedback was exported
    splits = SplitDict()
    for name in names:
        splits.add(
            SplitInfo(name, num_bytes=dsd[name].data.nbytes, num_examples=dsd[name].num_rows)
        )
    info = DatasetInfo(
        features=dsd["train"].features,
        splits=splits,
        download_size=sum((out / DATA_DIR / parquet_name(s)).stat().st_size for s in names),
        dataset_size=sum(dsd[s].data.nbytes for s in names),
    )
    return {
        "pretty_name": f"declean {out.name}",
        "license": manifest["license"],
        "language": ["en"],
        "tags": ["code", "c", "clean-code", "code-smells", "synthetic"],
        "task_categories": ["text-classification"],
        "size_categories": [size_category(sum(manifest["sizes"].values()))],
        "configs": [
            {
                "config_name": "default",
                "data_files": [{"split": s, "path": f"{DATA_DIR}/{s}-*.parquet"} for s in names],
            }
        ],
        "dataset_info": info._to_yaml_dict(),
    }


def _table(head: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
    return "\n".join(lines)


def diversity_text(div: dict[str, Any]) -> str:
    """Label co-occurrence, distinct things touched per label, and each editor's share."""
    if not div.get("samples"):
        return "No variant in this export."
    names = list(div["cooccurrence"])
    matrix = _table(
        ["label", *names], [[a, *row.values()] for a, row in div["cooccurrence"].items()]
    )
    touched = _table(
        ["label", "steps", "distinct vague names", "distinct inlined values", "distinct helpers"],
        [
            [p, d["steps"], d["distinct_vague_names"], d["distinct_inlined_values"],
             d["distinct_helpers"]]
            for p, d in div["per_label"].items()
        ],
    )  # fmt: skip
    editors = _table(
        ["editor", "variants", "share"],
        [[e, d["samples"], f"{d['share']:.0%}"] for e, d in div["editors"].items()],
    )
    transforms = _table(["transform", "variants"], [[k, n] for k, n in div["transforms"].items()])
    return f"""### Diversity

Variants in this export: {div["samples"]}, in {div["label_sets"]} distinct label sets. How
often two labels occur on one variant (the diagonal: variants with that label):

{matrix}

What the edits touched, per label (helpers: pasted for DRY, merged for SRP):

{touched}

{editors}

{transforms}"""


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"


def agreement_text(agreement: dict[str, Any] | None) -> str:
    """Per label: backed by declean's evidence, by independent analysers, by people."""
    if agreement is None:
        return "The independent analysers (clang-tidy, lizard, jscpd) were not available."
    human = agreement.get("human")
    people = (human or {}).get("labels", {})
    rows = []
    for label, row in agreement["labels"].items():
        p = people.get(label, {})
        kept = _share(p["kept"], p["kept"] + p["removed"]) if human else "not curated"
        rows.append(
            [
                label,
                row["variants"],
                _share(row["evidence"], row["variants"]),
                _share(row["agree"], row["variants"]),
                kept,
                p.get("added", "-") if human else "-",
            ]
        )
    head = ["label", "variants", "evidence", "analysers", "people kept", "people added"]
    text = (
        "Each variant is judged on the labels its own step gave, against its parent. "
        "*Analysers*: clang-tidy, lizard and jscpd figures moved the way the violation "
        "would. *People*: curators kept the label (of the records they kept or rejected), "
        "or added it.\n\n" + _table(head, rows)
    )
    if human:
        text += (
            f"\n\nCurators kept {_share(human['kept'], human['records'])} of the records they"
            " decided (the article behind declean kept 54 of 125, 43%)."
        )
    base = [
        [f"`{name}`", r["principle"], _share(r["flagged"], r["solutions"])]
        for name, r in agreement["clean"].items()
    ]
    return (
        text + "\n\nWhat each analyser flags in the clean solutions on its own (why only the change"
        " from the parent counts):\n\n"
        + _table(["analyser", "principle", "clean solutions flagged"], base)
    )


def body(dsd: DatasetDict, out: Path, manifest: dict[str, Any]) -> str:
    sizes = manifest["sizes"]
    split = manifest["split"]
    counts = label_counts(dsd)
    bal = manifest["balance"]
    label_rows = [
        [name, counts["train"][name], counts["test"][name], f"{bal['labels'][name]['gap']:.3f}"]
        for name in counts["train"]
    ]
    steps = funnel_steps(manifest["funnel"], dsd)
    llm = manifest["llm"]
    prompts = [[p["template"], f"`{p['hash']}`", p["samples"]] for p in manifest["prompts"]]
    curation = manifest["funnel"]["curation"]
    curation_text = (
        _table(["decision", "samples"], [[k, v] for k, v in sorted(curation.items())])
        + f"\n\nExported samples whose labels curators changed: {manifest['relabelled']}."
        if curation
        else "No curation was pulled for this run: labels are the generator's, backed by "
        "compilation, output equivalence and static evidence."
    )
    return f"""
# declean {out.name}

C programs for small programming exercises, each either clean or rewritten (by a seeded
program edit or an LLM, see `editor`) to break one or more clean-code principles: **DRY**
(repeated logic), **SRP** (functions doing several jobs), **MC** (magic constants), **NAME**
(meaningless names). Programs that do not compile are kept as the **NO_COMPILE** class.
Every variant still produces the same output as its clean program on the exercise's inputs.
Made with declean from a run, with labels from source `{manifest["source"]}`
({labels_text(manifest.get("label_meaning", "injected"))}).

## Load it

```python
from datasets import load_dataset
ds = load_dataset("parquet", data_dir="{out.name}/data")      # this folder, or the Hub repo id
names = ds["train"].features["labels"].feature.names  # {", ".join(manifest["labels"])}
```

`arrow/` holds the same data for `datasets.load_from_disk`, and `chat/{{train,test}}.jsonl`
holds it in chat format (detector system prompt, code as the user turn, labels as the
assistant's JSON answer) for fine-tuning a detector.

## Splits

The split is at the **problem** level: no exercise appears in both splits, so near-identical
programs cannot leak from train to test, and every sample shares the split of its clean
ancestor. Among problem-level assignments, a search picked the one with the smallest
largest per-label frequency gap (test size {split.get("test_size")}, seed {split.get("seed")}).

{
        _table(
            ["split", "samples", "problems"],
            [[s, sizes[s], bal["problems"][s]] for s in ("train", "test")],
        )
    }

{_table(["label", "train", "test", "frequency gap"], label_rows)}

{mix_text(manifest)}

![labels per split](figures/{LABELS_PNG})

## Fields

{_table(["field", "meaning"], [[f"`{k}`", v] for k, v in FIELDS.items()])}

## How it was made

1. Clean C solutions generated per exercise, compiled and run in a sandbox; the outputs on
   the exercise inputs are the reference.
2. Each clean program rewritten to break one principle at a time, every subset of the
   principles made from the subset without its last one (so every label set can occur); a
   variant is kept only if it compiles, gives the reference outputs and changed something;
   static analysis checks that the principle is really broken (the `evidence_*`
   fields hold its verdict and figures).
3. Near-duplicates removed; then (for a curated export) humans reviewed the labels in
   Argilla.

Models: {", ".join(manifest["models"]) or "(none recorded)"}.
LLM calls: {llm.get("requests", 0)} requests ({llm.get("cache_hits", 0)} cache hits),
{llm.get("prompt_tokens", 0)} prompt and {llm.get("completion_tokens", 0)} completion tokens.

{_table(["stage", "samples"], [list(s) for s in steps])}

{diversity_text(manifest.get("diversity") or {})}

![funnel](figures/{FUNNEL_PNG})

Prompt templates used (hash = first 12 hex digits of the template's SHA-256):

{_table(["template", "hash", "samples"], prompts) if prompts else "(none recorded)"}

### Curation

{curation_text}
{real_section(manifest, sizes)}

### How far each label is confirmed

{agreement_text(manifest.get("agreement"))}

## Licence

{manifest["license"]}. The programs are synthetic, produced by the models above from
exercise statements written for this project.
"""


def write(out: Path, dsd: DatasetDict, manifest: dict[str, Any]) -> Path:
    text = "---\n" + yaml.safe_dump(header(dsd, out, manifest), sort_keys=False) + "---\n"
    path = out / "README.md"
    path.write_text(text + body(dsd, out, manifest), encoding="utf-8")
    return path
