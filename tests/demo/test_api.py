"""The demo's JSON API over real HTTP: real uvicorn, real sandbox, fake OpenAI server."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from generator.curation.server import free_port
from generator.demo.store import DB_NAME
from tests.demo.programs import BROKEN, FOREVER, MAGIC, VECTOR_OPS
from tests.demo.server import client, serve
from tests.fake_openai import FakeOpenAI, FakeReply


def labels_for(body: dict) -> str:
    user = body["messages"][-1]["content"]
    return json.dumps({"labels": ["MC", "NAME"] if "365" in user else []})


@pytest.fixture
def detector() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(labels_for) as fake:
        yield fake


@pytest.fixture
def demo(tmp_path: Path, detector: FakeOpenAI) -> Iterator[httpx.Client]:
    with serve(tmp_path, detector.base_url) as url, client(url) as http:
        yield http


def rows(directory: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(directory / DB_NAME) as db:
        return db.execute(sql).fetchall()


def test_health_names_the_model_and_the_sandbox(demo: httpx.Client) -> None:
    h = demo.get("/api/health").json()
    assert h["ok"] is True and h["model"] == "fake"
    assert h["sandbox"] in ("firejail", "docker")
    assert h["problems"] == {}


def test_check_returns_labels_with_reasons_and_caches_by_code(
    demo: httpx.Client, detector: FakeOpenAI
) -> None:
    r = demo.post("/api/check", json={"code": MAGIC})
    assert r.status_code == 200, r.text
    a = r.json()
    assert {"id", "labels", "compiles", "diagnostics", "reasons"} <= a.keys()
    assert a["labels"] == ["MC", "NAME"] and a["compiles"] is True
    assert "365" in a["reasons"]["MC"] and "24" in a["reasons"]["MC"]
    assert "a" in a["reasons"]["NAME"].split(": ")[1].split(", ")
    # The request is `declean eval`'s: its system prompt, structured output, temperature 0.
    sent = detector.requests[-1]
    assert sent["messages"][0]["content"].startswith("You review C programs")
    assert sent["response_format"]["type"] == "json_schema" and sent["temperature"] == 0.0
    again = demo.post("/api/check", json={"code": MAGIC}).json()
    assert again["id"] == a["id"] and again["cached"] is True and again["labels"] == a["labels"]
    assert len(detector.requests) == 1


def test_clean_program_gets_no_label(demo: httpx.Client) -> None:
    a = demo.post("/api/check", json={"code": VECTOR_OPS}).json()
    assert a["labels"] == [] and a["reasons"] == {} and a["compiles"] is True


def test_code_that_does_not_compile_is_no_compile_without_asking_the_model(
    demo: httpx.Client, detector: FakeOpenAI
) -> None:
    a = demo.post("/api/check", json={"code": BROKEN}).json()
    assert a["compiles"] is False and a["labels"] == ["NO_COMPILE"]
    errors = [d for d in a["diagnostics"] if d["severity"] == "error"]
    assert errors and all(d["line"] for d in errors)
    assert a["reasons"]["NO_COMPILE"].startswith(f"line {errors[0]['line']}:")
    assert detector.requests == []


def test_the_code_is_compiled_never_run(demo: httpx.Client) -> None:
    start = time.monotonic()
    a = demo.post("/api/check", json={"code": FOREVER}).json()
    assert a["compiles"] is True
    assert time.monotonic() - start < 5  # the sandbox's run limit: it was never started


def test_feedback_is_stored_with_code_answer_labels_and_time(
    demo: httpx.Client, tmp_path: Path
) -> None:
    a = demo.post("/api/check", json={"code": MAGIC}).json()
    before = time.time()
    r = demo.post(
        "/api/feedback",
        json={"id": a["id"], "labels": ["MC", "DRY"], "comment": "b is fine", "verdicts":
              {"MC": "right", "NAME": "wrong"}},
    )  # fmt: skip
    assert r.status_code == 200 and r.json() == {"ok": True}
    (row,) = rows(
        tmp_path,
        "SELECT check_id, code, detector_labels, user_labels, verdicts, comment, user,"
        " created_at FROM feedback",
    )
    assert row[0] == a["id"] and row[1] == MAGIC
    assert json.loads(row[2]) == ["MC", "NAME"] and json.loads(row[3]) == ["DRY", "MC"]
    assert json.loads(row[4]) == {"MC": "right", "NAME": "wrong"}
    assert row[5] == "b is fine" and row[6] is None and before <= row[7] <= time.time()


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"code": ""}, 400, "empty"),
        ({"code": "  \n\t "}, 400, "empty"),
        ({}, 400, 'no "code"'),
        ({"code": 42}, 400, "must be a string"),
        ({"code": "int main(void) { return 0; }\n" + "// pad\n" * 3000}, 413, "20 KB"),
        ({"code": "int main(void) {\n\x00\x01\x02 return 0; }"}, 400, "binary data"),
        ({"code": "Dear teacher, my program is attached.\nThanks!"}, 422, "does not look like C"),
        ({"code": "def main():\n    print(1)\n"}, 422, "Python"),
        (
            {"code": "function add(a, b) {\n  return a + b;\n}\nconsole.log(add(1, 2));"},
            422,
            "JavaScript",
        ),
    ],
)
def test_bad_code_gets_a_clear_message_and_the_server_stays_up(
    demo: httpx.Client, body: dict, status: int, words: str
) -> None:
    r = demo.post("/api/check", json=body)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]
    assert demo.get("/api/health").json()["ok"] is True


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", 400, "binary data"),
        (b"code=int main", 400, "not JSON"),
        (b'["int main(void) { return 0; }"]', 400, "JSON object"),
        (b'{"code": "' + b"x" * 200_000 + b'"}', 413, "20 KB"),
        (b'{"code": "int main(void) { return 0; } // \\ud800"}', 400, "lone surrogate"),
        (b'{"code": "int main(void) { return 0; }", "\\udc00": 1}', 400, "\\udc00"),
    ],
)
def test_bad_requests_are_refused_by_name(
    demo: httpx.Client, raw: bytes, status: int, words: str
) -> None:
    r = demo.post("/api/check", content=raw, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert words in r.json()["error"]


def test_bad_feedback_names_the_field(demo: httpx.Client) -> None:
    a = demo.post("/api/check", json={"code": MAGIC}).json()
    cases = [
        ({"id": "nope", "labels": []}, 404, "id"),
        ({"labels": ["MC"]}, 400, "id"),
        ({"id": a["id"], "labels": "MC"}, 400, "labels"),
        ({"id": a["id"], "labels": ["MC", "KISS"]}, 422, "labels"),
        ({"id": a["id"], "labels": [], "comment": 3}, 400, "comment"),
        ({"id": a["id"], "labels": [], "comment": "x" * 2001}, 413, "comment"),
    ]
    for body, status, field in cases:
        r = demo.post("/api/feedback", json=body)
        assert r.status_code == status, (body, r.text)
        assert r.json()["field"] == field
    raw = b'{"id": "%s", "labels": [], "comment": "\\ud800"}' % a["id"].encode()
    r = demo.post("/api/feedback", content=raw, headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "lone surrogate" in r.json()["error"], r.text


def test_too_many_requests_get_429(tmp_path: Path, detector: FakeOpenAI) -> None:
    with serve(tmp_path, detector.base_url, rate=3) as url, client(url) as http:
        codes = [http.post("/api/check", json={"code": MAGIC}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = http.post("/api/check", json={"code": MAGIC})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert "too many requests" in r.json()["error"]
        assert http.get("/api/health").status_code == 200  # reading stays open


def test_detector_that_fails_is_a_503_and_the_server_recovers(
    demo: httpx.Client, detector: FakeOpenAI
) -> None:
    detector.enqueue(*[FakeReply(status=500, content="boom")] * 2)
    r = demo.post("/api/check", json={"code": MAGIC})
    assert r.status_code == 503 and "detector is down" in r.json()["error"]
    assert "HTTP 500" in r.json()["error"]
    assert demo.post("/api/check", json={"code": MAGIC}).status_code == 200


def test_detector_gone_after_start_is_a_503(tmp_path: Path) -> None:
    fake = FakeOpenAI(labels_for).start()
    with serve(tmp_path, fake.base_url) as url, client(url) as http:
        fake.stop()
        r = http.post("/api/check", json={"code": MAGIC})
        assert r.status_code == 503
        assert "cannot connect to the endpoint" in r.json()["error"]
        assert http.get("/api/health").status_code == 200


def test_detector_down_at_start_leaves_the_page_up(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"
    with serve(tmp_path, dead) as url, client(url) as http:
        h = http.get("/api/health").json()
        assert h["ok"] is False and "cannot reach the LLM endpoint" in h["problems"]["detector"]
        assert http.get("/").status_code == 200
        r = http.post("/api/check", json={"code": MAGIC})
        assert r.status_code == 503 and "detector is down" in r.json()["error"]


def test_token_gate_and_the_name_it_vouches_for(tmp_path: Path, detector: FakeOpenAI) -> None:
    with serve(tmp_path, detector.base_url, token="s3cret") as url, client(url) as http:
        r = http.post("/api/check", json={"code": MAGIC})
        assert r.status_code == 401 and "access token" in r.json()["error"]
        wrong = http.post("/api/check", json={"code": MAGIC}, headers={"Authorization": "Bearer x"})
        assert wrong.status_code == 401
        auth = {"Authorization": "Bearer s3cret", "X-Declean-User": "ada"}
        a = http.post("/api/check", json={"code": MAGIC}, headers=auth).json()
        ok = http.post("/api/feedback", json={"id": a["id"], "labels": []}, headers=auth)
        assert ok.json() == {"ok": True}
    assert rows(tmp_path, "SELECT user FROM feedback") == [("ada",)]


def test_no_compile_mode_compiles_nothing_and_says_so(tmp_path: Path) -> None:
    with (
        FakeOpenAI(lambda _: '{"labels": ["NO_COMPILE"]}') as fake,
        serve(tmp_path, fake.base_url, compile_code=False) as url,
        client(url) as http,
    ):
        h = http.get("/api/health").json()
        assert h["ok"] is True and h["sandbox"] is None and h["compiles_code"] is False
        a = http.post("/api/check", json={"code": BROKEN}).json()
    assert a["compiles"] is None and a["diagnostics"] == []
    assert a["labels"] == ["NO_COMPILE"] and "detector's guess" in a["reasons"]["NO_COMPILE"]
