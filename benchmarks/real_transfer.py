"""Real transfer: how detectors trained on an export do on its synthetic test split and on a
labelled folder of real programs, beside a stock linter and two trivial baselines.

For each training method (`declean train`), the linter, "flag nothing", "flag everything"
and, with --prompt, the prompt detector on the LLM endpoint (the embedded model when no
--base-url; --limit for speed), prints per label F1 and ROC AUC on both, and macro-F1.

    .venv/bin/python benchmarks/real_transfer.py EXPORT_DIR --real DIR [--methods tfidf,structure]
        [--prompt [--limit N] [--base-url URL --model NAME]] [--markdown] [--json FILE]

Training writes each detector to EXPORT_DIR/detectors/METHOD, as `declean train` does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.detectors.evaluate import evaluate
from generator.detectors.folder import LABELS
from generator.detectors.methods import METHODS
from generator.detectors.training import train
from generator.llm import LLMSettings


def scored(export: Path, real: Path, detector: str | None, **kw: Any) -> dict[str, Any]:
    quiet = {"log": lambda _: None}
    test = evaluate(export, "test", detector=detector, **kw, **quiet).report
    on_real = evaluate(export, real_dir=real, detector=detector, **kw, **quiet).report
    return {"test": test, "real": on_real}


def rows(args: argparse.Namespace) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for method in args.methods.split(","):
        where = args.export / "detectors" / method
        started = time.monotonic()
        detector, _ = train(args.export, method, where)
        if detector.meta["unlearnt"]:
            print(f"{method}: never seen both ways in train: {detector.meta['unlearnt']}")
        took = time.monotonic() - started
        out.append(
            (f"{method} (trained in {took:.0f} s)", scored(args.export, args.real, str(where)))
        )
    for name in ("linter", "nothing", "everything"):
        out.append((name, scored(args.export, args.real, name)))
    if args.prompt:
        given = {"base_url": args.base_url, "model": args.model}
        settings = LLMSettings(**{k: v for k, v in given.items() if v})
        prompt = scored(args.export, args.real, None, settings=settings, limit=args.limit)
        out.append((f"prompt (first {args.limit or 'all'})", prompt))
    return out


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def table(results: list[tuple[str, dict[str, Any]]]) -> str:
    head = ["detector", "split", "n", "macro-F1"]
    head += [f"{label} {m}" for label in LABELS for m in ("F1", "AUC")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, by_split in results:
        for split, r in by_split.items():
            cells = [name, split, str(r["n"]), _f(r["macro_f1"])]
            for label in LABELS:
                row = r["per_label"][label]
                cells += [_f(row["f1"]), _f(row["auc"])]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--real", type=Path, required=True)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--prompt", action="store_true", help="also the prompt detector")
    parser.add_argument("--limit", type=int, default=None, help="prompt detector: first N rows")
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write every report here")
    args = parser.parse_args()
    results = rows(args)
    print(f"export {args.export.resolve()}; real programs {args.real.resolve()}")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(dict(results), indent=2) + "\n")


if __name__ == "__main__":
    main()
