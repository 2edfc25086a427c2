"""What an export directory holds: its files' names and its rows' schema.

Every module that writes or reads an export names its parts from here, so none of them
needs the writer itself:

    README.md                      dataset card, YAML header with `configs` and `dataset_info`
    data/train-00000-of-00001.parquet, data/test-00000-of-00001.parquet
    arrow/                         `DatasetDict.save_to_disk` (datasets.load_from_disk)
    chat/train.jsonl, chat/test.jsonl   system + code + labels, for fine-tuning a detector
    figures/labels.png, figures/funnel.png
    export.json                    what was exported from where (read back by `declean eval`)
    real/                          a labelled real folder as a third split, when asked
    eval/                          `declean eval`'s scores
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.dataset.rows import LABEL_NAMES
from generator.dataset.split import TEST, TRAIN

if TYPE_CHECKING:
    from datasets import Features

ARROW_DIR = "arrow"
DATA_DIR = "data"
CHAT_DIR = "chat"
FIGURES_DIR = "figures"
MANIFEST = "export.json"
SPLITS = (TRAIN, TEST)


def parquet_name(split: str) -> str:
    """The shard name `push_to_hub` uses, so a local export and a Hub upload look alike."""
    return f"{split}-00000-of-00001.parquet"


REAL = "real"  # the split of a labelled real folder
EVAL_DIR = "eval"


def features() -> Features:
    from datasets import ClassLabel, Features, Sequence, Value

    strings = Sequence(Value("string"))
    return Features(
        {
            "id": Value("string"),
            "problem_id": Value("string"),
            "problem": Value("string"),
            "code": Value("string"),
            "labels": Sequence(ClassLabel(names=LABEL_NAMES)),
            "clean_code": Value("string"),
            "parent_id": Value("string"),
            "root_id": Value("string"),
            "kind": Value("string"),
            "principle": Value("string"),
            "editor": Value("string"),
            "transform": Value("string"),
            "generated_labels": strings,
            "injected": strings,
            "compiles": Value("bool"),
            "compile_error": Value("string"),
            "evidence_verdict": Value("string"),
            "evidence_confirmed": Value("bool"),
            "evidence_collateral": strings,
            "evidence_reasons": strings,
            "evidence_metrics": Value("string"),
            "independent_confirmed": strings,
            "independent_metrics": Value("string"),
            "model": Value("string"),
            "seed": Value("int64"),
            "temperature": Value("float64"),
            "prompt_hash": Value("string"),
            "prompt_hashes": strings,
            "attempts": Value("int64"),
            "repairs": strings,
            "curation": Value("string"),
            "curation_notes": strings,
        }
    )
