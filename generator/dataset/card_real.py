"""The card's `real` split: where each real row came from, and how a detector trained on the
export does on those programs against the synthetic test split."""

from __future__ import annotations

from typing import Any

from generator.detectors.folder import LABELS


def _table(head: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
    return "\n".join(lines)


def _f(x: object) -> str:
    return "-" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)


def feedback_text(real: dict[str, Any]) -> str:
    return f"""**From the demo** ({real["rows"]} rows, ids `real/feedback-N`): programs that people
pasted into the declean demo (`declean demo`), where a detector labelled them and the person
corrected the labels; curators then reviewed each in Argilla (`declean push/pull --feedback`)
and kept {real["kept_by_curators"]}. Their labels are the curators'. Programs identical to a
synthetic sample (a dataset example checked on the demo page) are left out
({real["left_out_as_synthetic"]}), and so are repeats of one program
({real["left_out_as_repeat"]}, the newest judgement kept). Nothing identifying the person is
kept. For these rows `generated_labels` holds the person's own labels and `model` the
detector that answered them."""


def folder_text(folder: dict[str, Any]) -> str:
    rates = ", ".join(f"{k} {v:.0%}" for k, v in folder["label_rates"].items())
    return f"""**From a labelled folder** ({folder["rows"]} rows, ids `real/<folder>/<file>`,
`curation` = `gold`): `{folder["directory"]}`, labels from its `{folder["gold"]}` as its
reviewers settled them. Label rates: {rates}. None of its programs is in train or test (the
export checks it). These programs keep the folder's own licence, not this card's."""


def transfer_text(transfer: dict[str, Any] | None) -> str:
    if not transfer:
        return ""
    head = "### How a detector trained on this data does on real code\n\n"
    if "error" in transfer:
        return head + f"No detector could be trained here: {transfer['error']}."
    test, real = transfer["splits"]["test"], transfer["splits"]["real"]
    lint_t, lint_r = test["linter"] or {}, real["linter"] or {}

    def cell(report: dict[str, Any], label: str, metric: str) -> str:
        return _f(report["per_label"][label][metric]) if report else "-"

    rows = [
        [
            label,
            real["trained"]["per_label"][label]["support"],
            cell(test["trained"], label, "f1"),
            cell(real["trained"], label, "f1"),
            cell(real["trained"], label, "auc"),
            cell(lint_t, label, "f1"),
            cell(lint_r, label, "f1"),
            cell(real["everything"], label, "f1"),
        ]
        for label in LABELS
    ]
    rows.append(
        [
            "macro-F1",
            real["trained"]["n"],
            _f(test["trained"]["macro_f1"]),
            _f(real["trained"]["macro_f1"]),
            "",
            _f(lint_t.get("macro_f1")),
            _f(lint_r.get("macro_f1")),
            _f(real["everything"]["macro_f1"]),
        ]
    )
    columns = ["label", "real programs with it", "trained: synthetic test F1", "trained: real F1",
               "trained: real ROC AUC", "linter: test F1", "linter: real F1",
               "flag everything: real F1"]  # fmt: skip
    linter = "" if lint_r else " The linter could not run here."
    return head + (
        f"`{transfer['detector']}`: `declean train` with its default method"
        f" (`{transfer['method']}`) on this export's train split, scored on the synthetic test"
        " split and on the real programs above. The linter is clang-tidy's readability checks"
        " and lizard's duplicate finder, one check per principle; flag everything is the floor."
        f"{linter}\n\n" + _table(columns, rows)
    )


def real_section(manifest: dict[str, Any], sizes: dict[str, int]) -> str:
    feedback, folders = manifest.get("real"), manifest.get("real_folders") or []
    if not feedback and not folders:
        return ""
    sources = ([feedback_text(feedback)] if feedback else []) + [folder_text(f) for f in folders]
    text = "\n\n".join(sources)
    return f"""
## The `real` split: people's own code

{sizes.get("real", 0)} real programs, **not** synthetic and never mixed into train or test: use
them to measure a detector on real code (`declean eval EXPORT --split real`), beside the
synthetic test split. `problem_id` is `real` and `kind` is `real` for all of them.

{text}

{transfer_text(manifest.get("transfer"))}
"""
