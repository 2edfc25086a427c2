"""Example programs for the page: the test split of a `declean export`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.dataset.evaluation import load_split

MAX_EXAMPLES = 60


def load_examples(export_dir: Path | None, limit: int = MAX_EXAMPLES) -> list[dict[str, Any]]:
    """id, code and the dataset's labels of up to `limit` test programs, one per label set
    first so the list shows every kind of problem before repeating one."""
    if export_dir is None:
        return []
    rows, _ = load_split(Path(export_dir), "test")
    seen: set[tuple[str, ...]] = set()
    first, rest = [], []
    for r in rows:
        (rest if r["gold"] in seen else first).append(r)
        seen.add(r["gold"])
    return [
        {"id": r["id"], "code": r["code"], "labels": list(r["gold"])}
        for r in (first + rest)[:limit]
    ]
