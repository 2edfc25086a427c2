"""`declean pull`'s text output: the counts, then one line per sample, then stale records."""

from __future__ import annotations

from collections.abc import Callable

from generator.curation.pull import PullReport, SampleRow

COLUMNS = ("sample", "decision", "kept", "removed", "added", "votes", "stale")


def _labels(labels: list[str]) -> str:
    return ",".join(labels) or "-"


def _votes(row: SampleRow) -> str:
    parts = [f"{n} {k}" for k, n in row.votes.items() if n]
    if row.drafts:
        parts.append(f"{row.drafts} draft")
    return ", ".join(parts) or "-"


def cells(row: SampleRow) -> tuple[str, ...]:
    return (
        row.sample,
        row.decision,
        _labels(row.kept),
        _labels(row.removed),
        _labels(row.added),
        _votes(row),
        str(row.stale),
    )


def counts(d: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items()) or "nothing"


def print_pull(r: PullReport, rule: str, echo: Callable[[str], None]) -> None:
    echo(f"pull: {r.records} records from {r.dataset!r} ({rule}): {counts(r.decisions)}")
    # Argilla's own "Submitted" counter reads 0 with noida-db; these are counted here.
    echo(f"  responses on the current code: {counts(r.responses)}")
    if r.unknown:
        echo(f"  {r.unknown} records belong to samples not in this run: skipped")
    if r.samples:
        table = [COLUMNS, *(cells(row) for row in r.samples)]
        widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
        for line in table:
            echo("  " + "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    if r.stale:
        echo(f"  stale: {len(r.stale)} records answered on other code (never counted):")
        for s in r.stale:
            echo(
                f"    {s.sample}  record {s.record_id}: answered on code {s.code_sha}, "
                f"this run has {s.current_sha} ({counts(s.responses)})"
            )
    for sid, row in r.listed:
        echo(f"  {row.decision:<8} {sid}: {'; '.join(row.disagreements)}")
