"""A local Argilla workspace: argilla-server, its worker and noida-db, in a managed venv.

argilla-server 2.8 pins an old typer/click, so it lives in its own virtual environment
(`server_venv()`, installed on first use) and the project talks to it over HTTP only.
noida-db stands in for Elasticsearch and Redis (Debian ships neither Elasticsearch nor
OpenSearch). Everything the workspace owns lives in one directory: the SQLite database,
noida's data, logs, pid files and `workspace.json` (ports and the owner's credentials,
mode 0600, because `workspace up` must be able to print them again).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from generator.errors import DecleanError

ARGILLA_VERSION = "2.8.0"
SERVER_REQUIREMENTS = [f"argilla-server=={ARGILLA_VERSION}", "click<8.2", "noida-db==0.2.3"]
DEFAULT_DIR = Path.home() / ".local" / "share" / "declean" / "argilla"
DEFAULT_PORT = 6900
DEFAULT_WORKSPACE = "declean"
OWNER = "owner"
COMPONENTS = ("noida", "server", "worker")

Echo = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def server_venv() -> Path:
    """Where the server's venv lives: outside any workspace, so many workspaces share it."""
    env = os.environ.get("DECLEAN_ARGILLA_VENV")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "declean" / f"argilla-server-{ARGILLA_VERSION}"


def ensure_server_venv(echo: Echo = _quiet) -> Path:
    """Create the server venv and install the pinned server once; later calls return at once."""
    venv = server_venv()
    marker = venv / ".declean-installed"
    wanted = "\n".join(SERVER_REQUIREMENTS)
    if marker.exists() and marker.read_text() == wanted:
        return venv
    venv.parent.mkdir(parents=True, exist_ok=True)
    # A lock, because a test session and a user's `workspace up` may both try to install.
    with open(venv.parent / f"{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists() and marker.read_text() == wanted:
            return venv
        echo(f"installing argilla-server {ARGILLA_VERSION} into {venv} (once, about a minute)")
        log = venv.parent / f"{venv.name}-install.log"
        with open(log, "w") as out:
            steps = [
                [sys.executable, "-m", "venv", str(venv)],
                [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *SERVER_REQUIREMENTS],
            ]
            for cmd in steps:
                rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, check=False)
                if rc.returncode != 0:
                    raise DecleanError(
                        f"installing argilla-server failed ({' '.join(cmd[:4])}...); "
                        f"see {log} (PyPI must be reachable)"
                    )
        marker.write_text(wanted)
    return venv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class WorkspaceState:
    """What `workspace.json` holds; the api key stays on disk in the workspace only."""

    port: int
    es_port: int
    redis_port: int
    username: str = OWNER
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    api_key: str = field(default_factory=lambda: "declean." + secrets.token_urlsafe(24))
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32))
    workspace: str = DEFAULT_WORKSPACE
    migrated: str = ""
    owner_created: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Workspace:
    """One workspace directory and the processes it runs."""

    def __init__(self, directory: Path) -> None:
        self.dir = Path(directory).expanduser().resolve()
        self.state_file = self.dir / "workspace.json"
        self.logs = self.dir / "logs"
        self.run = self.dir / "run"

    # -- state ------------------------------------------------------------------------
    def load(self) -> WorkspaceState | None:
        if not self.state_file.exists():
            return None
        try:
            return WorkspaceState(**json.loads(self.state_file.read_text()))
        except (ValueError, TypeError) as exc:
            raise DecleanError(f"{self.state_file}: unreadable workspace state ({exc})") from None

    def save(self, state: WorkspaceState) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(asdict(state), f, indent=2)
        tmp.replace(self.state_file)

    # -- processes --------------------------------------------------------------------
    def pid(self, name: str) -> int | None:
        """The pid of a component this workspace started, if it still runs."""
        path = self.run / f"{name}.pid"
        try:
            pid = int(path.read_text())
            cwd = os.readlink(f"/proc/{pid}/cwd")
            stat = Path(f"/proc/{pid}/stat").read_text()
        except (OSError, ValueError):
            return None
        # A recycled pid belongs to someone else: we start every component in our directory.
        if Path(cwd) != self.dir or stat.split(") ", 1)[1].startswith("Z"):
            return None
        return pid

    def _spawn(self, name: str, cmd: list[str], env: dict[str, str]) -> int:
        self.logs.mkdir(parents=True, exist_ok=True)
        self.run.mkdir(parents=True, exist_ok=True)
        with open(self.logs / f"{name}.log", "ab") as log:
            proc = subprocess.Popen(
                cmd,
                cwd=self.dir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so `down` stops its children
            )
        (self.run / f"{name}.pid").write_text(str(proc.pid))
        return proc.pid

    def _log_tail(self, name: str, lines: int = 5) -> str:
        try:
            text = (self.logs / f"{name}.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return " | ".join(text[-lines:])

    def env(self, state: WorkspaceState) -> dict[str, str]:
        home = self.dir / "home"
        home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ARGILLA_")}
        env.update(
            ARGILLA_HOME_PATH=str(home),
            ARGILLA_DATABASE_URL=f"sqlite+aiosqlite:///{home}/argilla.db",
            ARGILLA_SEARCH_ENGINE="elasticsearch",
            ARGILLA_ELASTICSEARCH=f"http://127.0.0.1:{state.es_port}",
            ARGILLA_REDIS_URL=f"redis://127.0.0.1:{state.redis_port}/0",
            ARGILLA_AUTH_SECRET_KEY=state.secret_key,  # sessions survive a restart
            HF_HUB_OFFLINE="1",
            HF_HUB_DISABLE_TELEMETRY="1",
        )
        return env

    def _wait(self, name: str, ready: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return
            if self.pid(name) is None:
                raise DecleanError(
                    f"workspace {name} exited while starting; see {self.logs / (name + '.log')}: "
                    f"{self._log_tail(name)}"
                )
            time.sleep(0.3)
        raise DecleanError(
            f"workspace {name} not ready after {timeout:.0f} s; see {self.logs / (name + '.log')}"
        )

    def _manage(self, venv: Path, state: WorkspaceState, *args: str) -> None:
        cmd = [str(venv / "bin" / "python"), "-m", "argilla_server", *args]
        self.logs.mkdir(parents=True, exist_ok=True)
        with open(self.logs / "manage.log", "ab") as log:
            rc = subprocess.run(
                cmd, cwd=self.dir, env=self.env(state), stdout=log, stderr=subprocess.STDOUT
            ).returncode
        if rc != 0:
            raise DecleanError(
                f"argilla_server {args[0]} {args[1]} failed; see {self.logs / 'manage.log'}: "
                f"{self._log_tail('manage')}"
            )

    # -- up / down --------------------------------------------------------------------
    def up(self, port: int | None = None, echo: Echo = _quiet) -> WorkspaceState:
        """Start whatever is not running yet; safe to call on a running workspace."""
        venv = ensure_server_venv(echo)
        state = self._state_for(port, echo)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.save(state)
        self._up_noida(venv, state, echo)
        self._prepare_database(venv, state, echo)
        self._up_server(venv, state, echo)
        if self.pid("worker") is None:
            self._spawn(
                "worker",
                [str(venv / "bin" / "python"), "-m", "argilla_server", "worker",
                 "--num-workers", "1"],
                self.env(state),
            )  # fmt: skip
        _ensure_workspace(state)
        return state

    def _state_for(self, port: int | None, echo: Echo) -> WorkspaceState:
        """The saved state, or a new one; `port` changes it only while the server is down."""
        state = self.load()
        if state is None:
            return WorkspaceState(
                port=port or DEFAULT_PORT, es_port=free_port(), redis_port=free_port()
            )
        if port and port != state.port:
            if self.pid("server") is None:
                state.port = port
            else:
                echo(f"already running on port {state.port}; `down` first to change the port")
        return state

    def _up_noida(self, venv: Path, state: WorkspaceState, echo: Echo) -> None:
        if self.pid("noida") is None:
            for attr in ("es_port", "redis_port"):
                if port_in_use(getattr(state, attr)):  # taken by someone else since last up
                    setattr(state, attr, free_port())
            self.save(state)
            echo(f"starting noida-db (search engine, redis) on {state.es_port}/{state.redis_port}")
            self._spawn(
                "noida",
                [
                    str(venv / "bin" / "noida-db"),
                    "start",
                    "--only",
                    "elasticsearch,redis",
                    "--elasticsearch-port",
                    str(state.es_port),
                    "--redis-port",
                    str(state.redis_port),
                    "--data-dir",
                    str(self.dir / "noida"),
                ],
                self.env(state),
            )
        self._wait("noida", lambda: _es_ready(state.es_port) and port_in_use(state.redis_port), 60)

    def _prepare_database(self, venv: Path, state: WorkspaceState, echo: Echo) -> None:
        """Migrate once per Argilla version and create the owner once, each step saved."""
        if state.migrated != ARGILLA_VERSION:
            echo("preparing the database")
            self._manage(venv, state, "database", "migrate")
            state.migrated = ARGILLA_VERSION
            self.save(state)
        if not state.owner_created:
            self._manage(
                venv, state, "database", "users", "create", "--first-name", "Owner",
                "--username", state.username, "--password", state.password,
                "--role", "owner", "--api-key", state.api_key,
            )  # fmt: skip
            state.owner_created = True
            self.save(state)

    def _up_server(self, venv: Path, state: WorkspaceState, echo: Echo) -> None:
        if self.pid("server") is None:
            if port_in_use(state.port):
                raise DecleanError(
                    f"port {state.port} is in use by another program; "
                    f"choose another with `declean workspace up --dir {self.dir} --port P`"
                )
            echo(f"starting argilla-server on {state.url}")
            self._spawn(
                "server",
                [str(venv / "bin" / "python"), "-m", "argilla_server", "start",
                 "--host", "127.0.0.1", "--port", str(state.port), "--no-access-log"],
                self.env(state),
            )  # fmt: skip
        self._wait("server", lambda: _server_ready(state.url), 120)

    def stop(self, name: str, timeout: float = 15.0) -> bool:
        """Stop one component: TERM its process group, then KILL if it lingers."""
        pid = self.pid(name)
        if pid is None:
            (self.run / f"{name}.pid").unlink(missing_ok=True)
            return False
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, sig)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and self.pid(name) is not None:
                _reap(pid)
                time.sleep(0.2)
            if self.pid(name) is None:
                break
        _reap(pid)
        (self.run / f"{name}.pid").unlink(missing_ok=True)
        return True

    def down(self) -> list[str]:
        """Stop everything this workspace started (worker first, search engine last)."""
        return [name for name in reversed(COMPONENTS) if self.stop(name)]


def _reap(pid: int) -> None:
    # When this process started the component (tests), collect it so it is not left a zombie.
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def _es_ready(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _server_ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v1/version", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _ensure_workspace(state: WorkspaceState) -> None:
    headers = {"X-Argilla-Api-Key": state.api_key}
    with httpx.Client(base_url=state.url, headers=headers, timeout=30) as http:
        r = http.get("/api/v1/me/workspaces")
        r.raise_for_status()
        if any(w["name"] == state.workspace for w in r.json()["items"]):
            return
        http.post("/api/v1/workspaces", json={"name": state.workspace}).raise_for_status()
