"""`declean demo` as a user starts it: the command, its flags, a real port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from generator.curation.server import free_port
from generator.demo.examples import load_examples
from tests.demo.programs import MAGIC
from tests.demo.runs import example_export
from tests.fake_openai import FakeOpenAI

DECLEAN = str(Path(sys.executable).parent / "declean")


@pytest.mark.sandbox  # `declean demo` opens one, to compile what it checks
def test_declean_demo_serves_the_page_the_api_and_the_examples(tmp_path: Path) -> None:
    export = example_export(tmp_path)
    examples = [e["id"] for e in load_examples(export)]
    port = free_port()
    with FakeOpenAI(lambda _: '{"labels": ["MC"]}') as fake:
        args = ["demo", "--host", "127.0.0.1", "--port", str(port), "--base-url", fake.base_url]
        args += ["--model", "fake", "--dir", str(tmp_path / "d"), "--examples", str(export)]
        proc = subprocess.Popen(
            [DECLEAN, *args], env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    health = httpx.get(url + "/api/health", timeout=5).json()
                    break
                except httpx.TransportError:
                    assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                    assert time.monotonic() < deadline, "declean demo did not start"
                    time.sleep(0.2)
            assert health["model"] == "fake" and health["examples"] == len(examples)
            assert "Clean-code check for C" in httpx.get(url + "/").text
            ids = [e["id"] for e in httpx.get(url + "/api/examples").json()]
            assert ids == examples and any(i.endswith("+MC") for i in ids)
            a = httpx.post(url + "/api/check", json={"code": MAGIC}, timeout=120).json()
            assert a["labels"] == ["MC"] and a["compiles"] is True
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    assert (tmp_path / "d" / "demo.sqlite").is_file()


def test_declean_demo_refuses_an_examples_dir_that_is_no_export(tmp_path: Path) -> None:
    r = subprocess.run(
        [DECLEAN, "demo", "--examples", str(tmp_path), "--dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and "is not a declean export" in r.stderr
