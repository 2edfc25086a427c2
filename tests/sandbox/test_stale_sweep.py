"""The firejail backend's start-up sweep of dead sandboxes' areas never follows a link."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox.firejail import AREA_PREFIX, _remove_stale_areas

DEAD_PID = 4_000_000  # above pid_max, so never a live process


@pytest.fixture
def victim(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs with a file on it, that a careless sweep would unmount or empty."""
    mount = tmp_path / "victim"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "victim", str(mount)], check=True)
    (mount / "keep").write_text("keep me")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.firejail
def test_stale_sweep_follows_no_link(victim: Path) -> None:
    root = Path(tempfile.gettempdir())
    link_area = root / f"{AREA_PREFIX}{DEAD_PID}-link"
    real_area = root / f"{AREA_PREFIX}{DEAD_PID}-real"
    link_area.symlink_to(victim)
    real_area.mkdir()
    (real_area / "slot-0-1").symlink_to(victim)
    try:
        _remove_stale_areas()
        assert os.path.ismount(victim)
        assert (victim / "keep").read_text() == "keep me"
        assert not real_area.exists()  # the dead sandbox's own area is gone
    finally:
        link_area.unlink(missing_ok=True)
        if real_area.is_dir():
            (real_area / "slot-0-1").unlink(missing_ok=True)
            real_area.rmdir()
