"""Rich tables for the funnel and LLM figures (shared by `run` and `status`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from generator.records import Reason


def print_status(data: dict[str, Any], console: Console) -> None:
    reasons = [
        r.value for r in Reason if any(r.value in f["rejected"] for f in data["funnel"].values())
    ]
    t = Table(title=f"funnel of {data['run_dir']} ({data['problems']} problems)")
    for col in ("stage", "attempted", "accepted", "pending", *reasons):
        t.add_column(col, justify="left" if col == "stage" else "right")
    for stage, f in data["funnel"].items():
        t.add_row(
            stage,
            str(f["attempted"]),
            f"[green]{f['accepted']}[/]",
            str(f["pending"]),
            *(str(f["rejected"].get(r, 0)) for r in reasons),
        )
    console.print(t)
    exp = data.get("expected", {})
    if exp.get("checked"):
        console.print(
            f"clean solutions matching the problem's expected output: "
            f"{exp['matching']}/{exp['checked']}"
        )
    llm = data["llm"]
    console.print(
        f"LLM: {llm['requests']} requests, {llm['cache_hits']} cache hits, "
        f"{llm['prompt_tokens']} prompt + {llm['completion_tokens']} completion tokens, "
        f"{llm['errors']} failed, {llm['retries']} retries, "
        f"{llm['latency_ms_total'] / 1000:.1f} s in requests"
    )
    if data["label_sets"]:
        console.print(
            "accepted label sets: "
            + ", ".join(f"{ls} x{n}" for ls, n in data["label_sets"].items())
        )
    cur = data.get("curation") or {}
    if cur.get("decisions"):
        line = ", ".join(f"{k} {v}" for k, v in cur["decisions"].items())
        console.print(f"curation ({cur.get('dataset') or 'last pull'}): {line}")
        # Argilla's "Submitted" counter reads 0 on the local workspace: these are counted.
        responses = ", ".join(f"{k} {v}" for k, v in cur.get("responses", {}).items())
        console.print(f"  responses at the last pull: {responses or 'none'}")
        console.print(f"  records answered on other code: {cur.get('stale_records', 0)}")
