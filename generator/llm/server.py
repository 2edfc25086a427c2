"""The embedded model server: llama.cpp's OpenAI-compatible server (xllamacpp) in a child
process on a free localhost port, so stopping it is a process kill and a crash of the model
cannot take the pipeline down. The child dies with its parent (PR_SET_PDEATHSIG)."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from generator.errors import DecleanError

ALIAS = "local"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_forever(
    model_path: Path,
    port: int,
    n_ctx: int,
    threads: int,
    name: str,
    host: str = "127.0.0.1",
    slots: int = 1,
) -> None:
    """Serve until SIGTERM. Each of `slots` requests decoded together keeps `n_ctx` tokens."""
    import xllamacpp as xlc

    p = xlc.CommonParams()
    p.model.path = str(model_path)
    p.model_alias = {name, ALIAS}
    p.hostnames = [host]
    p.port = port
    p.n_ctx = n_ctx * slots  # the server splits it among its slots
    p.n_parallel = slots
    p.cpuparams.n_threads = threads
    p.cpuparams_batch.n_threads = threads
    server = xlc.Server(p)
    print(f"serving {name} at {server.listening_address}/v1", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})


def _die_with_parent() -> None:
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: no orphaned 2 GB model server


def wait_ready(base_url: str, proc: subprocess.Popen[bytes] | None, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise DecleanError(f"the embedded model server exited with code {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                return
        time.sleep(0.3)
    raise DecleanError(f"the embedded model server did not answer within {timeout_s:.0f} s")


def warm_up(base_url: str, model: str) -> None:
    """The first request after start is slow; pay it before the progress bars start."""
    httpx.post(
        f"{base_url}/chat/completions",
        json={"model": model, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 2},
        timeout=300,
    )


@contextlib.contextmanager
def embedded_server(
    model_path: Path,
    name: str,
    n_ctx: int = 8192,
    threads: int = 2,
    log_path: Path | None = None,
    slots: int = 1,
) -> Iterator[str]:
    """Start the server, yield its OpenAI base URL, stop it on exit whatever happened."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "generator.llm.server",
        "--model",
        str(model_path),
        "--port",
        str(port),
        "--n-ctx",
        str(n_ctx),
        "--threads",
        str(threads),
        "--name",
        name,
        "--slots",
        str(slots),
    ]
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    env = {k: v for k, v in os.environ.items() if "KEY" not in k and "TOKEN" not in k}
    proc = subprocess.Popen(
        cmd,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        preexec_fn=_die_with_parent,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_ready(base_url, proc, timeout_s=300)
        warm_up(base_url, name)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log is not subprocess.DEVNULL:
            log.close()


def main() -> None:
    ap = argparse.ArgumentParser(description="Run the embedded model server (used by declean).")
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--n-ctx", type=int, default=8192)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--name", default=ALIAS)
    ap.add_argument("--slots", type=int, default=1, help="Requests decoded together")
    a = ap.parse_args()
    serve_forever(a.model, a.port, a.n_ctx, a.threads, a.name, a.host, a.slots)


if __name__ == "__main__":
    main()
