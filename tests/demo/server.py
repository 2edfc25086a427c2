"""The demo app served by a real uvicorn on a free localhost port, in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from generator.curation.server import free_port
from generator.demo.app import DemoConfig, create_app
from generator.llm import LLMSettings
from tests.needs import needs


@contextmanager
@needs("sandbox")  # the service opens one in its own thread, to compile what it checks
def serve(
    directory: Path,
    base_url: str,
    *,
    examples: list[dict[str, Any]] | None = None,
    rate: int = 0,
    token: str | None = None,
    compile_code: bool = True,
    detector: Path | None = None,
) -> Iterator[str]:
    settings = LLMSettings(base_url=base_url, model="fake", max_retries=1, max_backoff_s=0.2)
    config = DemoConfig(directory, settings, examples or [], rate, token, compile_code, detector)
    app = create_app(config)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the demo server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def client(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=120)
