"""The Argilla REST API as push and pull need it, with errors that say what to do.

Plain HTTP rather than the SDK: push must know exactly which batch the server accepted
(to resume after an interruption), a half-created dataset must be finished rather than
duplicated, and pull reads responses over the endpoint that survives Argilla 2.8's
discarded-response bug. Connection settings come from ARGILLA_API_URL / ARGILLA_API_KEY.
"""

from __future__ import annotations

import os
from typing import Any

import httpx
from pydantic import SecretStr

from generator.errors import ConfigError, DecleanError

DEFAULT_URL = "http://127.0.0.1:6900"


class ArgillaError(DecleanError):
    """The server is unreachable, refused us or answered something unusable."""


class Unreachable(ArgillaError):
    """Nothing answers at the URL (or the connection broke mid-request)."""


def settings(api_url: str | None, api_key: str | None) -> tuple[str, SecretStr]:
    url = (api_url or os.environ.get("ARGILLA_API_URL") or DEFAULT_URL).rstrip("/")
    key = api_key or os.environ.get("ARGILLA_API_KEY")
    if not key:
        raise ConfigError(
            "no Argilla API key: set ARGILLA_API_KEY or pass --api-key "
            "(`declean workspace up` starts a local server and prints one)"
        )
    return url, SecretStr(key)


class Argilla:
    def __init__(self, url: str, key: SecretStr, timeout: float = 60.0) -> None:
        self.url = url
        self.http = httpx.Client(
            base_url=url,
            headers={"X-Argilla-Api-Key": key.get_secret_value()},
            timeout=timeout,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Argilla:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, **kw: Any) -> Any:
        try:
            r = self.http.request(method, path, **kw)
        except httpx.TransportError as exc:
            raise Unreachable(
                f"Argilla at {self.url} is unreachable ({type(exc).__name__}: {exc}); "
                "start one with `declean workspace up` or set ARGILLA_API_URL / --api-url"
            ) from None
        if r.status_code == 401:
            raise ArgillaError(
                f"Argilla at {self.url} rejected the API key; check ARGILLA_API_KEY / --api-key"
            )
        if r.status_code >= 400:
            raise ArgillaError(
                f"Argilla at {self.url}: {method} {path} answered {r.status_code}: {r.text[:300]}"
            )
        return r.json() if r.content else None

    # -- checks ---------------------------------------------------------------------------
    def check(self) -> dict[str, Any]:
        """Reachable, an Argilla server, and the key is valid; returns the current user."""
        try:
            answer = self.request("GET", "/api/v1/version")
        except Unreachable:
            raise
        except (ArgillaError, ValueError):  # an error status, or not JSON
            answer = None
        version = answer.get("version") if isinstance(answer, dict) else None
        if not version:
            raise ArgillaError(f"{self.url} does not look like an Argilla server (ARGILLA_API_URL)")
        if not str(version).startswith("2."):
            raise ArgillaError(f"Argilla at {self.url} is version {version}; declean needs 2.x")
        return self.request("GET", "/api/v1/me")

    def workspace_id(self, name: str) -> str:
        items = self.request("GET", "/api/v1/me/workspaces")["items"]
        for w in items:
            if w["name"] == name:
                return str(w["id"])
        known = ", ".join(sorted(w["name"] for w in items)) or "none"
        raise ArgillaError(
            f"workspace {name!r} does not exist on {self.url} (yours: {known}); "
            "pass --workspace or create it in Argilla"
        )

    # -- datasets -------------------------------------------------------------------------
    def find_dataset(self, workspace_id: str, name: str) -> dict[str, Any] | None:
        items = self.request("GET", "/api/v1/me/datasets", params={"workspace_id": workspace_id})
        for d in items["items"]:
            if d["name"] == name and str(d["workspace_id"]) == workspace_id:
                return d
        return None

    def questions(self, dataset_id: str) -> dict[str, dict[str, Any]]:
        items = self.request("GET", f"/api/v1/datasets/{dataset_id}/questions")["items"]
        return {q["name"]: q for q in items}

    def fields(self, dataset_id: str) -> dict[str, dict[str, Any]]:
        items = self.request("GET", f"/api/v1/datasets/{dataset_id}/fields")["items"]
        return {f["name"]: f for f in items}

    def metadata_properties(self, dataset_id: str) -> dict[str, dict[str, Any]]:
        path = f"/api/v1/me/datasets/{dataset_id}/metadata-properties"
        return {m["name"]: m for m in self.request("GET", path)["items"]}

    def records(self, dataset_id: str, page: int = 500) -> list[dict[str, Any]]:
        """Every record with its responses (all annotators'), page by page."""
        out: list[dict[str, Any]] = []
        while True:
            batch = self.request(
                "GET",
                f"/api/v1/datasets/{dataset_id}/records",
                params={"include": "responses", "offset": len(out), "limit": page},
            )
            out.extend(batch["items"])
            if len(batch["items"]) < page or len(out) >= batch.get("total", 0):
                return out

    def usernames(self) -> dict[str, str]:
        """User id -> username; only owners may list users, so others get ids."""
        try:
            items = self.request("GET", "/api/v1/users")["items"]
        except ArgillaError:
            return {}
        return {str(u["id"]): u["username"] for u in items}


def ensure_dataset(
    api: Argilla,
    workspace_id: str,
    name: str,
    *,
    body: dict[str, Any],
    fields: list[tuple[str, str, bool]],
    questions: list[dict[str, Any]],
    metadata: dict[str, dict[str, Any]],
) -> tuple[dict[str, Any], bool]:
    """Find the dataset `name`, or create it with `body` (guidelines, distribution...); one
    that is still a draft (new, or left half-made by an interrupted push) gets what it lacks
    of its settings, then is published. A published one without all of `fields` cannot take
    the records: refused. Returns the dataset and whether it was created."""
    ds = api.find_dataset(workspace_id, name)
    created = ds is None
    if ds is None:
        ds = api.request(
            "POST", "/api/v1/datasets", json={"name": name, "workspace_id": workspace_id, **body}
        )
    if ds["status"] == "draft":
        add_settings(api, str(ds["id"]), fields, questions, metadata)
        return api.request("PUT", f"/api/v1/datasets/{ds['id']}/publish"), created
    missing = [f for f, _, _ in fields if f not in api.fields(str(ds["id"]))]
    if missing:
        raise ArgillaError(
            f"dataset {name!r} has an older record layout (no field {', '.join(missing)}); "
            "push into a new dataset with --dataset NEW_NAME"
        )
    return ds, created


def add_settings(
    api: Argilla,
    dsid: str,
    fields: list[tuple[str, str, bool]],
    questions: list[dict[str, Any]],
    metadata: dict[str, dict[str, Any]],
) -> None:
    """Create what a draft dataset lacks of its text fields (name, title, required), its
    questions and its metadata properties (name -> full setting): a push interrupted while
    making them finishes them the next time."""
    have = api.fields(dsid)
    for fname, title, required in fields:
        if fname not in have:
            api.request(
                "POST",
                f"/api/v1/datasets/{dsid}/fields",
                json={
                    "name": fname,
                    "title": title,
                    "required": required,
                    "settings": {"type": "text", "use_markdown": True},
                },
            )
    have_q = api.questions(dsid)
    for q in questions:
        if q["name"] not in have_q:
            api.request("POST", f"/api/v1/datasets/{dsid}/questions", json=q)
    have_m = api.metadata_properties(dsid)
    for mname, setting in metadata.items():
        if mname not in have_m:
            api.request("POST", f"/api/v1/datasets/{dsid}/metadata-properties", json=setting)
