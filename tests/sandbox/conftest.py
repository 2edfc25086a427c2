"""One warm sandbox per backend for the whole session; every test runs against each backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox import Limits, Sandbox, SandboxConfig, get_sandbox, probe_backends

BACKENDS = [
    pytest.param("firejail", marks=pytest.mark.firejail),
    pytest.param("docker", marks=pytest.mark.docker),
]
# Shorter than the defaults so the hostile suite stays quick; the mechanisms are the same.
TEST_LIMITS = Limits(compile_wall_s=10, run_cpu_s=1, run_wall_s=3, max_output_bytes=4096)


@pytest.fixture(scope="session", params=BACKENDS)
def sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    name = request.param
    status = next(s for s in probe_backends() if s.name == name)
    if not status.available:
        pytest.fail(
            f"{name} backend unavailable: {status.reason} (run `make image`, or deselect with "
            f"-m 'not {name}')"
        )
    with get_sandbox(SandboxConfig(backend=name, limits=TEST_LIMITS, workers=2)) as sb:
        yield sb


def live_processes(uids: range) -> list[tuple[int, int]]:
    """(pid, uid) of every live host process running as one of `uids`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        uid = int(fields["Uid"].split()[0])
        if uid in uids and not fields["State"].strip().startswith("Z"):
            found.append((int(entry.name), uid))
    return found


def leftover_work(sb: Sandbox) -> list[str]:
    """Whatever jobs left in the backend's slots, seen from the host (empty between jobs)."""
    return sb.traces()


def assert_host_clean(sb: Sandbox) -> None:
    assert live_processes(sb.uids) == []
    assert leftover_work(sb) == []


@pytest.fixture
def secret(tmp_path: Path) -> Iterator[tuple[str, list[Path]]]:
    """A secret planted world-readable where a careless sandbox would show it."""
    token = f"declean-secret-{os.urandom(8).hex()}"
    name = f".declean-planted-{os.urandom(4).hex()}"  # the name must not contain the token
    places = [tmp_path / "secret.txt", Path.cwd() / name, Path("/var/tmp") / name]
    for place in places:
        place.write_text(token + "\n")
        place.chmod(0o644)
    yield token, places
    for place in places:
        place.unlink(missing_ok=True)
