"""`declean workspace up/down` as a user runs it: processes stop, data stays in the directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from generator.curation.client import Argilla
from generator.curation.push import push
from generator.curation.server import COMPONENTS, Workspace, free_port
from tests.curation.runs import accepted, small_run

pytestmark = [pytest.mark.argilla, pytest.mark.slow]
DECLEAN = str(Path(sys.executable).parent / "declean")


def declean(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DECLEAN, *args], capture_output=True, text=True, timeout=300)


def test_up_down_up_keeps_data(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    port = free_port()
    ws = Workspace(ws_dir)
    try:
        up = declean("workspace", "up", "--dir", str(ws_dir), "--port", str(port))
        assert up.returncode == 0, up.stderr
        state = json.loads((ws_dir / "workspace.json").read_text())
        assert f"Argilla is running at http://127.0.0.1:{port}" in up.stdout
        assert f"api key:   {state['api_key']}" in up.stdout
        assert f"password:  {state['password']}" in up.stdout
        assert oct((ws_dir / "workspace.json").stat().st_mode & 0o777) == "0o600"
        pids = {name: ws.pid(name) for name in COMPONENTS}
        assert all(pids.values()), pids

        store = small_run(tmp_path / "run")
        n = len(accepted(store))
        with Argilla(f"http://127.0.0.1:{port}", SecretStr(state["api_key"])) as api:
            first = push(store, api, state["workspace"], "persist")
        assert first.sent == n

        down = declean("workspace", "down", "--dir", str(ws_dir))
        assert down.returncode == 0 and "stopped: worker, server, noida" in down.stdout
        assert all(_gone(pid) for pid in pids.values())
        again = declean("workspace", "down", "--dir", str(ws_dir))
        assert "nothing running" in again.stdout

        up2 = declean("workspace", "up", "--dir", str(ws_dir))
        assert up2.returncode == 0, up2.stderr
        assert f"http://127.0.0.1:{port}" in up2.stdout  # the port is remembered
        with Argilla(f"http://127.0.0.1:{port}", SecretStr(state["api_key"])) as api:
            second = push(store, api, state["workspace"], "persist")
            records = api.records(second.dataset_id)
        assert (second.created, second.sent, second.unchanged) == (False, 0, n)
        assert sorted(r["metadata"]["sample_id"] for r in records) == sorted(
            s.id for s in store.samples() if s.status == "accepted"
        )
        assert all(r["external_id"].startswith(r["metadata"]["sample_id"] + "@") for r in records)
    finally:
        ws.down()
    assert all(ws.pid(name) is None for name in COMPONENTS)


def _gone(pid: int | None) -> bool:
    """No such process, or one that exited and waits to be reaped by its parent."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except OSError:
        return True


def test_down_on_an_empty_directory_is_harmless(tmp_path: Path) -> None:
    r = declean("workspace", "down", "--dir", str(tmp_path))
    assert r.returncode == 0 and "nothing running" in r.stdout
    assert os.listdir(tmp_path) == []
