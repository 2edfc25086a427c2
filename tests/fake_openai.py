"""A scripted OpenAI-compatible HTTP server on localhost, for tests and benchmarks.

The real `openai` client talks to it over real HTTP, so retries, timeouts, headers and
JSON parsing are exercised for real. Script it with `enqueue(...)` (consumed in order) or
a `handler(request_body) -> str | FakeReply`; every received body lands in `requests`.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeReply:
    content: str | None = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    raw_body: str | None = None  # sent verbatim instead of a chat completion (malformed JSON...)
    delay: float = 0.0  # seconds before answering (to provoke client timeouts)
    empty_choices: bool = False
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


Handler = Callable[[dict[str, Any]], "str | FakeReply"]


def _completion(body: dict[str, Any], reply: FakeReply) -> dict[str, Any]:
    prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    completion = len((reply.content or "").split())
    choices = (
        []
        if reply.empty_choices
        else [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": reply.content},
            }
        ]
    )
    p = reply.prompt_tokens if reply.prompt_tokens is not None else prompt
    c = reply.completion_tokens if reply.completion_tokens is not None else completion
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": choices,
        "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c},
    }


class FakeOpenAI:
    def __init__(self, handler: Handler | None = None, latency: float = 0.0) -> None:
        self.handler = handler
        self.latency = latency  # added to every answer: benchmarks use a fixed latency
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._queue: deque[str | FakeReply] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._make_handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *replies: str | FakeReply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, body: dict[str, Any]) -> FakeReply:
        with self._lock:
            self.requests.append(body)
            item = self._queue.popleft() if self._queue else None
        if item is None:
            item = self.handler(body) if self.handler else "ok"
        return FakeReply(content=item) if isinstance(item, str) else item

    def _make_handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, payload: str, headers: dict[str, str]) -> None:
                data = payload.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                # The client may have given up already (timeout tests).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._send(
                        200,
                        json.dumps(
                            {
                                "object": "list",
                                "data": [{"id": "fake", "object": "model", "owned_by": "test"}],
                            }
                        ),
                        {},
                    )
                else:
                    self._send(404, '{"error": {"message": "not found"}}', {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = fake._next(body)
                if fake.latency or reply.delay:
                    time.sleep(fake.latency + reply.delay)
                if reply.raw_body is not None:
                    payload = reply.raw_body
                elif reply.status != 200:
                    payload = json.dumps(
                        {
                            "error": {
                                "message": f"fake {reply.status}",
                                "type": "fake",
                                "code": reply.status,
                            }
                        }
                    )
                else:
                    payload = json.dumps(_completion(body, reply))
                self._send(reply.status, payload, reply.headers)

        return _H
