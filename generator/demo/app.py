"""The demo's web application: one page and three JSON routes.

    GET  /              the page (templates/index.html, static/demo.js)
    POST /api/check     {"code"} -> {"id", "labels", "compiles", "diagnostics", "reasons"}
    POST /api/feedback  {"id", "labels", "comment"} -> {"ok": true}
    GET  /api/health    what works (sandbox, detector) and which model answers
    GET  /api/examples  programs from an export's test split

Every refusal is `{"error": message, "field": ...}` with a 4xx/5xx status; no input takes
the server down, and a detector that is down is a 503 until it answers again.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from generator.dataset.rows import LABEL_NAMES
from generator.demo.detect import Service, Unavailable
from generator.demo.inputs import BadInput, check_code, check_feedback, json_body
from generator.demo.limits import RateLimiter
from generator.demo.reasons import MEANING
from generator.demo.store import DemoStore
from generator.detectors.trained import TrainedDetector
from generator.llm import LLMSettings

HERE = Path(__file__).resolve().parent
log = logging.getLogger("declean.demo")


@dataclass
class DemoConfig:
    directory: Path
    settings: LLMSettings
    examples: list[dict[str, Any]] = field(default_factory=list)
    rate_per_minute: int = 20
    token: str | None = None  # the optional gate: one shared secret
    compile_code: bool = True
    detector: Path | None = None  # a `declean train` folder: answers without any LLM


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


Handler = Callable[[dict[str, Any], str | None], Awaitable[Any]]


@dataclass
class Guard:
    """Every POST goes through here: rate limit, token gate, JSON body, and every failure
    turned into a JSON answer with its status, so no input takes the server down."""

    limiter: RateLimiter
    token: str | None

    def user(self, request: Request) -> str | None:
        """None when there is no gate; the user's name when the token matches."""
        if self.token is None:
            return None
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not given or not hmac.compare_digest(given, self.token):
            raise BadInput(401, "this demo needs its access token (ask whoever runs it)")
        name = request.headers.get("x-declean-user", "").strip()[:80]
        return name or "token"

    async def __call__(self, request: Request, handle: Handler) -> Response:
        wait = 0
        try:
            # Counted before the gate, so guessing the token is rate-limited too.
            wait = self.limiter.retry_after(_client(request))
            if wait:
                raise BadInput(429, f"too many requests: wait {wait} s and try again")
            user = self.user(request)
            body = json_body(await request.body())
            return JSONResponse(await handle(body, user))
        except BadInput as exc:
            headers = {"Retry-After": str(wait)} if exc.status == 429 else None
            return JSONResponse(exc.body(), status_code=exc.status, headers=headers)
        except Unavailable as exc:
            log.warning("%s", exc)
            return JSONResponse({"error": str(exc)}, status_code=503)
        except Exception as exc:  # a bug of ours must not look like the user's fault
            log.exception("unexpected failure")
            return JSONResponse(
                {"error": f"internal error ({type(exc).__name__}); the server is still up"},
                status_code=500,
            )


def _trained(path: Path | None) -> TrainedDetector | None:
    from generator.detectors.trained import load

    return load(path) if path is not None else None


def create_app(config: DemoConfig) -> FastAPI:
    store = DemoStore(config.directory)
    service = Service(store, config.settings, config.compile_code, _trained(config.detector))
    limiter = RateLimiter(config.rate_per_minute)
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()
            store.close()

    app = FastAPI(title="declean detector demo", lifespan=lifespan, docs_url="/api/docs")
    app.state.store = store
    app.state.service = service
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    guarded = Guard(limiter, config.token)

    @app.get("/", response_class=HTMLResponse)
    async def page(request: Request) -> Response:
        return templates.TemplateResponse(
            request,
            "index.html",
            {
                "labels": [{"name": n, "meaning": MEANING[n]} for n in LABEL_NAMES],
                "gated": config.token is not None,
                "has_examples": bool(config.examples),
            },
        )

    @app.get("/api/health")
    async def health() -> dict[str, Any]:
        return {**service.health(), "examples": len(config.examples)}

    @app.get("/api/examples")
    async def examples() -> list[dict[str, Any]]:
        return config.examples

    async def do_check(body: dict[str, Any], _: str | None) -> dict[str, Any]:
        return await service.check(check_code(body))

    async def do_feedback(body: dict[str, Any], user: str | None) -> dict[str, Any]:
        cid, labels, verdicts, comment = check_feedback(body)
        try:
            store.add_feedback(cid, labels, verdicts, comment, user)
        except KeyError:
            raise BadInput(
                404, f'"id" {cid!r} is no checked program here: check the code first', "id"
            ) from None
        return {"ok": True}

    @app.post("/api/check")
    async def check(request: Request) -> Response:
        return await guarded(request, do_check)

    @app.post("/api/feedback")
    async def feedback(request: Request) -> Response:
        return await guarded(request, do_feedback)

    return app
