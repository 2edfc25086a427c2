"""A real argilla-server for the session, started by declean's own workspace code.

The first run installs the server venv under ~/.cache/declean (shared with `declean
workspace up`); the workspace itself lives in a tmp dir on free ports and is stopped at
the end of the session.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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

    def respond(self, record_id: str, status: str, values: dict[str, object] | None) -> str:
        """A first answer on a record; returns the response id."""
        r = self.http.post(f"/api/v1/records/{record_id}/responses", json=_body(status, values))
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    def update(self, response_id: str, status: str, values: dict[str, object] | None) -> None:
        """Change an answer, e.g. submit a draft, as the UI does."""
        r = self.http.put(f"/api/v1/responses/{response_id}", json=_body(status, values))
        assert r.status_code == 200, r.text


def _body(status: str, values: dict[str, object] | None) -> dict[str, object]:
    # The UI always sends `values` (empty for a bare discard): argilla 2.8 fails on None.
    return {"status": status, "values": {k: {"value": v} for k, v in (values or {}).items()}}


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


def all_records(server: Server, dataset_id: str) -> list[dict[str, Any]]:
    """Every record with its responses, as the owner reads them over REST."""
    with server.owner() as owner:
        r = owner.get(
            f"/api/v1/datasets/{dataset_id}/records",
            params={"limit": 1000, "include": "responses"},
        )
        r.raise_for_status()
        return list(r.json()["items"])


def record_ids(server: Server, dataset_id: str) -> dict[str, str]:
    """sample id -> Argilla record id of its current record (the code the run has now)."""
    out: dict[str, str] = {}
    for x in all_records(server, dataset_id):
        if x["metadata"].get("state") == "current":
            assert x["metadata"]["sample_id"] not in out, "two current records for one sample"
            out[x["metadata"]["sample_id"]] = x["id"]
    return out
