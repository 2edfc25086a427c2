"""Pipeline throughput against a fake OpenAI server with fixed latency.

Prints the run's wall time and efficiency = (requests x L / C) / wall: 1.0 means the LLM
concurrency was the only limit. Then re-runs the finished run: it must send 0 requests.

    .venv/bin/python benchmarks/pipeline_throughput.py [--problems 20] [--latency 0.5] [-c 8]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import yaml
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pipeline.scripted import happy_script

from generator.config import load_config
from generator.run import execute
from tests.fake_openai import FakeOpenAI

SOURCE = Path(__file__).resolve().parent.parent / "tests/scripted/problems/sum-max.yaml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--problems", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.5)
    ap.add_argument("-c", "--concurrency", type=int, default=8)
    ap.add_argument("--backend", default="auto")
    ap.add_argument("--workers", type=int, default=2, help="sandbox workers")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        pdir = tmp / "problems"
        pdir.mkdir()
        data = yaml.safe_load(SOURCE.read_text())
        for i in range(a.problems):
            (pdir / f"p{i}.yaml").write_text(yaml.safe_dump(data | {"id": f"p{i}"}))
        cfg = load_config(
            problems=pdir,
            run_dir=tmp / "run",
            model="fake",
            samples=1,
            principles="DRY,SRP,MC,NAME",
            concurrency=a.concurrency,
            backend=a.backend,
            sandbox_workers=2,
        )
        with FakeOpenAI(happy_script(), latency=a.latency) as fake:
            cfg.base_url = fake.base_url
            t0 = time.perf_counter()
            execute(cfg, Console(file=io.StringIO())).close()
            wall = time.perf_counter() - t0
            n = len(fake.requests)
            ideal = n * a.latency / a.concurrency
            print(f"problems={a.problems} latency={a.latency}s concurrency={a.concurrency}")
            print(
                f"first run: {n} requests, wall {wall:.2f} s, ideal {ideal:.2f} s, "
                f"efficiency {ideal / wall:.2f}"
            )
            t0 = time.perf_counter()
            execute(cfg, Console(file=io.StringIO())).close()
            rewall = time.perf_counter() - t0
            print(
                f"re-run of the finished run: {len(fake.requests) - n} requests, "
                f"wall {rewall:.2f} s"
            )


if __name__ == "__main__":
    main()
