"""A real argilla-server for the session, started by declean's own workspace code.

The first run installs the server venv under ~/.cache/declean (shared with `declean
workspace up`); the workspace itself lives in a tmp dir on free ports and is stopped at
the end of the session.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from pydantic import SecretStr

from generator.curation.client import Argilla
from generator.curation.server import Workspace, WorkspaceState, free_port


@dataclass
class Server:
    ws: Workspace
    state: WorkspaceState

    @property
    def url(self) -> str:
        return self.state.url

    @property
    def key(self) -> str:
        return self.state.api_key

    def api(self) -> Argilla:
        return Argilla(self.url, SecretStr(self.key))

    def owner(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers={"X-Argilla-Api-Key": self.key}, timeout=60)


@pytest.fixture(scope="session")
def argilla_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    ws = Workspace(tmp_path_factory.mktemp("argilla-ws"))
    try:
        state = ws.up(port=free_port())
        yield Server(ws, state)
    finally:
        ws.down()


@dataclass
class Annotator:
    """An annotator logged in as the web UI does (bearer token from /api/v1/token)."""

    username: str
    http: httpx.Client

    def respond(self, record_id: str, status: str, values: dict[str, object] | None) -> None:
        # The UI always sends `values` (empty for a bare discard): argilla 2.8 fails on None.
        body = {"status": status, "values": {k: {"value": v} for k, v in (values or {}).items()}}
        r = self.http.post(f"/api/v1/records/{record_id}/responses", json=body)
        assert r.status_code == 201, r.text


@pytest.fixture
def make_annotator(argilla_server: Server) -> Iterator[object]:
    clients: list[httpx.Client] = []

    def make(workspace: str = "declean") -> Annotator:
        username = "ann-" + secrets.token_hex(4)
        password = secrets.token_urlsafe(12)
        with argilla_server.owner() as owner:
            user = owner.post(
                "/api/v1/users",
                json={"first_name": username, "username": username, "password": password,
                      "role": "annotator"},
            )  # fmt: skip
            assert user.status_code == 201, user.text
            ws = next(
                w for w in owner.get("/api/v1/me/workspaces").json()["items"]
                if w["name"] == workspace
            )  # fmt: skip
            added = owner.post(
                f"/api/v1/workspaces/{ws['id']}/users", json={"user_id": user.json()["id"]}
            )
            assert added.status_code == 201, added.text
        token = httpx.post(
            f"{argilla_server.url}/api/v1/token",
            data={"username": username, "password": password},
        )
        assert token.status_code == 201, token.text
        http = httpx.Client(
            base_url=argilla_server.url,
            headers={"Authorization": f"Bearer {token.json()['access_token']}"},
            timeout=60,
        )
        clients.append(http)
        return Annotator(username, http)

    yield make
    for c in clients:
        c.close()


def record_ids(server: Server, dataset_id: str) -> dict[str, str]:
    """external id (sample id) -> Argilla record id."""
    with server.owner() as owner:
        r = owner.get(f"/api/v1/datasets/{dataset_id}/records", params={"limit": 1000})
        r.raise_for_status()
        return {x["external_id"]: x["id"] for x in r.json()["items"]}
