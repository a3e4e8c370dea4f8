"""The Starlette app: routes, limits and error shapes of `ticketlint serve`.

Limits, in the order a request meets them: body size (413, read in chunks
so a huge body is never held), JSON and fields (400/422 naming the field),
a slot among `max_concurrency` (503 at once when none is free: a webhook
retries, a queue would only hide the overload), then the lint in a worker
thread under the engine's time budget and a hard timeout (504). No log line
holds a request body or a finding's text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..model import LANGUAGES
from ..registry import SelectionError
from ..ruledoc import localized, page, parts, scope_text
from .openapi import openapi_document
from .page import page_html
from .service import Linters, RequestError, lint_ticket, selection_from_query, ticket_from_request
from .settings import ServeSettings

log = logging.getLogger("ticketlint.server")


def _error(status: int, field: str | None, message: str) -> JSONResponse:
    log.info("%d refused", status)  # the status only: a field name or value may come from the request
    body: dict[str, Any] = {"error": message}
    if field is not None:
        body["field"] = field
    return JSONResponse(body, status_code=status)


class _TooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _rule_dict(meta: Any) -> dict[str, Any]:
    return {"code": meta.code, "name": meta.name, "scope": scope_text(meta).split(", "),
            "severity": meta.severity.label, "groups": list(meta.groups), "languages": list(meta.languages),
            "summary": meta.summary, "aliases": list(meta.aliases)}


def _lifespan(pool: ThreadPoolExecutor):  # type: ignore[no-untyped-def]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        yield
        pool.shutdown(wait=False, cancel_futures=True)

    return lifespan


def create_app(settings: ServeSettings | None = None) -> Starlette:
    settings = settings or ServeSettings()
    linters = Linters(settings)  # the Linter is built once per process, here
    registry = linters.default.registry
    # One lint thread per worker: linting is CPU-bound Python, so parallel threads only fight over
    # the GIL (measured: 4 clients got ~205 req/s with 4 lint threads, ~330-370 with one). Up to
    # max_concurrency requests are admitted and wait their turn; more scale with --workers.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ticketlint-lint")
    # Released by the lint thread itself when it ends: a request that timed out
    # keeps its slot until its thread is done, so the bound holds.
    slots = threading.BoundedSemaphore(settings.max_concurrency)

    async def lint(request: Request) -> Response:
        started = time.perf_counter()
        try:
            sel = selection_from_query(request.query_params)
            raw = await _read_body(request, settings.max_body_bytes)
        except _TooLarge:
            return _error(413, "body", f"the body is over the limit of {settings.max_body_bytes:,} bytes (max-body-bytes)")
        except RequestError as exc:
            return _error(exc.status, exc.field, str(exc))
        try:
            body = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return _error(400, "body", f"the body is not JSON: {getattr(exc, 'msg', 'not UTF-8')}"
                          f"{f' at line {exc.lineno}, column {exc.colno}' if isinstance(exc, json.JSONDecodeError) else ''}")
        except RecursionError:
            return _error(400, "body", "the body is not JSON this service reads: nested too deep")
        try:
            linter = linters.get(sel)
            ticket, plain = ticket_from_request(body, settings, linter.config.role)
        except RequestError as exc:
            return _error(exc.status, exc.field, str(exc))
        if not slots.acquire(blocking=False):
            log.warning("503 busy: %d lint requests in flight", settings.max_concurrency)
            return _error(503, None, f"busy: {settings.max_concurrency} requests are being linted; retry shortly")

        def work() -> dict[str, Any]:
            try:
                return lint_ticket(linter, ticket, plain)
            finally:
                slots.release()

        try:
            future = asyncio.get_running_loop().run_in_executor(pool, work)
            result = await asyncio.wait_for(asyncio.shield(future), timeout=settings.timeout * 2 + 1)
        except TimeoutError:
            log.warning("504 lint over %.1f s (%d messages)", settings.timeout * 2 + 1, len(ticket.messages))
            return _error(504, None, "the ticket took too long to lint; try a shorter text")
        except RequestError as exc:
            return _error(exc.status, exc.field, str(exc))
        ms = (time.perf_counter() - started) * 1000
        log.info("lint %d messages: %d findings in %.1f ms", len(ticket.messages), len(result["findings"]), ms)
        return JSONResponse(result)

    def _locale(request: Request) -> str | None:
        """`?locale=es`: the help text in that language (default: the config's locale, else English)."""
        value = request.query_params.get("locale")
        if value is None:  # `?locale=` (empty) is refused, as `/v1/lint?locale=` and `rule --locale ''` are
            value = linters.config.locale
        if value == "auto":
            return "en"
        return value if value in LANGUAGES else None

    async def rules(request: Request) -> Response:
        lang = _locale(request)
        if lang is None:
            return _error(400, "locale", f"locale: expected auto or one of {', '.join(LANGUAGES)}")
        return JSONResponse([_rule_dict(localized(r.meta, lang)) for r in registry])

    async def rule(request: Request) -> Response:
        code = request.path_params["code"]
        lang = _locale(request)
        if lang is None:
            return _error(400, "locale", f"locale: expected auto or one of {', '.join(LANGUAGES)}")
        try:
            meta = registry.get(code).meta
        except SelectionError:
            return _error(404, "code", f"unknown rule {code[:40]!r}")
        # the page as data (summary, rationale, suggestion, source, options, examples, the headings' words), all
        # in `lang`, so that a client never parses `doc`, the rendered page (whose headings follow `lang` too)
        doc = {**_rule_dict(localized(meta, lang)), **parts(meta, lang), "locale": lang, "doc": page(meta, lang)}
        return JSONResponse(doc)

    async def profiles(request: Request) -> Response:
        cfg = linters.config
        return JSONResponse({"default": cfg.profile, "profiles": [
            {"name": p.name, "description": p.description} for p in cfg.profiles.values()]})

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "rules": len(linters.default.rules)})

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(settings))

    async def index(request: Request) -> Response:
        return HTMLResponse(page_html(), headers={
            # the page is self-contained: it may talk to this server and load nothing else
            "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                       "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})

    app = Starlette(routes=[
        Route("/", index, methods=["GET"]),
        Route("/healthz", health, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/v1/lint", lint, methods=["POST"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/v1/rules/{code}", rule, methods=["GET"]),
        Route("/v1/profiles", profiles, methods=["GET"]),
    ], lifespan=_lifespan(pool))
    app.state.settings = settings
    app.state.linters = linters
    return app


def app_from_env() -> Starlette:
    """Factory for uvicorn's workers (`--workers N`): settings come from the environment."""
    if not log.handlers:  # one line per request, in uvicorn's style; never a body, never a finding's text
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return create_app(ServeSettings.from_env())
