"""Rich tables for the funnel and LLM figures (shared by `run` and `status`)."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console
from rich.table import Table

from generator.diversity import lines
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
    print_left(data.get("left") or {}, console)
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
    print_diversity(data, console)
    print_sessions(data.get("sessions") or [], console)


def print_left(left: dict[str, Any], console: Console) -> None:
    """Work a next run retries, and failures that stay as they are."""
    retry, final = left.get("retry") or {}, left.get("final") or {}
    if retry:
        line = ", ".join(f"{n} {why}" for why, n in retry.items())
        console.print(f"[yellow]left for the next run: {sum(retry.values())} samples ({line})[/]")
    if final:
        line = ", ".join(f"{n} {why}" for why, n in final.items())
        console.print(f"failed for good after {left.get('tries')} tries: {line}")


def print_sessions(sessions: list[dict[str, Any]], console: Console) -> None:
    """One line per `declean run` on this store: every setting of the first, then what each
    later one changed (the JSON has them all, session by session). Lines, not a table: a
    table cell would cut the long values (paths) short."""
    if not sessions:
        return
    console.print("sessions (UTC):")
    before: dict[str, Any] = {}
    for s in sessions:
        line = f"  #{s['id']} {_when(s['started_at'])} {_outcome(s)}: {_settings(before, s)}"
        console.print(line, highlight=False, soft_wrap=True, markup=False)
        before = s["settings"]


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(at))


def _outcome(s: dict[str, Any]) -> str:
    text = s["outcome"] if s["ended_at"] is not None else "no end recorded (killed?)"
    if s.get("restarted"):
        text += f"; restarted {s['restarted'].get('samples', 0)} sample(s)"
    return text


def _settings(before: dict[str, Any], s: dict[str, Any]) -> str:
    now = s["settings"]
    shown = {k: v for k, v in now.items() if not before or before.get(k) != v}
    if before and not shown:
        return "same settings as the session before"
    prefix = "" if not before else "changed "
    return prefix + " ".join(f"{k}={_value(v)}" for k, v in sorted(shown.items()))


def _value(v: Any) -> str:
    return ",".join(map(str, v)) if isinstance(v, list) else str(v)


def print_diversity(data: dict[str, Any], console: Console) -> None:
    """Which labels occur together, what each edit touched, who edited."""
    div = data.get("diversity") or {}
    if not div.get("samples"):
        return
    names = list(div["cooccurrence"])
    t = Table(title=f"label co-occurrence ({div['samples']} variants, {div['label_sets']} sets)")
    for col in ("label", *names):
        t.add_column(col, justify="left" if col == "label" else "right")
    for row in lines(div):
        t.add_row(*row)
    console.print(t)
    t = Table(title="distinct things touched per label")
    for col in ("label", "steps", "vague names", "inlined values", "helpers"):
        t.add_column(col, justify="left" if col == "label" else "right")
    for label, d in div["per_label"].items():
        t.add_row(
            label,
            str(d["steps"]),
            str(d["distinct_vague_names"]),
            str(d["distinct_inlined_values"]),
            str(d["distinct_helpers"]),
        )
    console.print(t)
    console.print(
        "editors: "
        + ", ".join(f"{e} {d['samples']} ({d['share']:.0%})" for e, d in div["editors"].items())
        + "; transforms: "
        + ", ".join(f"{k} x{n}" for k, n in div["transforms"].items())
    )
