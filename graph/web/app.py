"""``reelgraph serve``: person and film pages, a search box and a JSON API over a store.

Pages and API share :mod:`graph.web.shapes`; the API returns those dicts as
JSON (OpenAPI at ``/openapi.json``). Review text is user content: templates
are rendered with autoescape on and never mark review text safe. Unknown ids
answer 404, other library errors a clear error page; never a traceback.

The app only reads (the CLI opens the store read-only). Handlers are plain
functions run by the server's thread pool; each thread reads through its own
store handle (``Store.reader()``: its own connection on the embedded store).
``reelgraph serve --workers N`` runs N server processes (:func:`app_from_env`), each with
its own read-only handle: several processes can open one LadybugDB database read-only.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph import keys, resolve, schema
from graph.errors import ReelgraphError, ResolveError
from graph.stores import open_store
from graph.stores.base import Store
from graph.web import shapes

T = TypeVar("T")
log = logging.getLogger(__name__)
PERSON, FILM = ("Person",), ("Film",)
#: How a credit (relationship type) reads on a page.
CREDIT_WORDS = {
    schema.ACTED_IN: "actor",
    schema.DIRECTED: "director",
    schema.WROTE: "writer",
    schema.PRODUCED: "producer",
    schema.CREDITED: "crew",
}
SEARCH_LIMIT = 20
MAX_QUERY = 200


def _templates() -> Jinja2Templates:
    folder = str(resources.files("graph.web") / "templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,  # every template, whatever its name: review text is user content
    )
    env.globals["highlight"] = shapes.highlight
    env.globals["page_url"] = page_url
    env.filters["credit"] = lambda rel: CREDIT_WORDS.get(rel, rel)
    return Jinja2Templates(env=env)


#: The filmography window of a person page or answer (``?offset=&limit=``).
OFFSET = Query(0, ge=0, le=1_000_000, description="First film of the filmography to show")
FILMS = Query(
    shapes.FILMS_PER_PAGE,
    ge=1,
    le=shapes.MAX_FILMS_PER_PAGE,
    description="How many films of the filmography to show",
)


def _key(store: Store, text: str, kinds: tuple[str, ...]) -> str:
    """The node key ``text`` names. A key of the right kind is taken as it is (the page's
    card query answers 404 if it is not stored): resolving it would cost a query more."""
    text = text.strip()
    if keys.KEY_PATTERN.match(text) and keys.kind_of(text) in kinds:
        return text
    return resolve.resolve(store, text, kinds)


def page_url(key: str) -> str:
    """The page of a node key (film or person)."""
    return f"/{'film' if keys.kind_of(key) == 'Film' else 'person'}/{key}"


class _Reader:
    """Store access for the server's worker threads: a store handle per thread.

    ``Store.reader()`` gives each thread its own connection where the store needs one
    (the embedded store), so requests run side by side instead of one at a time.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.local = threading.local()
        self.lock = threading.Lock()
        self.handles: list[Store] = []

    def __call__(self, work: Callable[[Store], T]) -> T:
        handle: Store | None = getattr(self.local, "store", None)
        if handle is None:
            handle = self.local.store = self.store.reader()
            with self.lock:
                self.handles.append(handle)
        return work(handle)

    def close(self) -> None:
        with self.lock:
            for handle in self.handles:
                if handle is not self.store:
                    handle.close()
            self.handles.clear()


def _search(store: Store, text: str) -> dict[str, Any]:
    """Matches for ``text`` (best first) and, when none, the closest names."""
    normal = keys.normalize(text)
    matches = (
        store.named("search", {"q": normal, "limit": SEARCH_LIMIT}).records() if normal else []
    )
    matches.sort(key=lambda r: (r["rank"], r["kind"], r["name"] or "", r["key"]))
    close = [] if matches or not normal else resolve.suggest(store, text, PERSON + FILM)
    return {"q": text, "matches": matches, "did_you_mean": close}


class ServerTiming:
    """ASGI middleware: a ``Server-Timing: app;dur=<ms>`` header on every response.

    The time from receiving the request to starting the response (store queries and
    rendering), so load tests can read the server's own share (bench/serve_speed.py) and
    browsers show it in their developer tools. Pure ASGI: no per-request task or copy.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = f"app;dur={(time.perf_counter() - start) * 1000:.1f}".encode()
                message["headers"] = [*message.get("headers", []), (b"server-timing", took)]
            await send(message)

        await self.app(scope, receive, timed)


#: Where ``reelgraph serve --workers N`` tells its worker processes which store to open.
STORE_ENV = "REELGRAPH_SERVE_STORE"


def app_from_env() -> FastAPI:
    """The app of one ``serve --workers`` process: its own read-only handle on the store."""
    store = open_store(
        os.environ.get(STORE_ENV) or None,
        read_only=True,
        database=os.environ.get(STORE_ENV + "_DATABASE") or None,
    )
    app = create_app(store)
    app.router.add_event_handler("shutdown", store.close)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(store: Store) -> FastAPI:
    """The web app over an open ``store`` (open it read-only)."""
    app = FastAPI(
        title="reelgraph",
        description="Films, people and reviews from a reelgraph store.",
        version="1",
    )
    app.add_middleware(ServerTiming)
    read = _Reader(store)
    app.router.add_event_handler("shutdown", read.close)
    templates = _templates()

    def error(request: Request, status: int, message: str, candidates: Any = ()) -> Response:
        if _is_api(request):
            body = {"error": message, "candidates": list(candidates)}
            return JSONResponse(body, status_code=status)
        context = {"status": status, "message": message, "candidates": list(candidates)}
        return templates.TemplateResponse(request, "error.html", context, status_code=status)

    @app.exception_handler(ResolveError)
    def not_found(request: Request, exc: ResolveError) -> Response:
        return error(request, 404, str(exc), exc.candidates)

    @app.exception_handler(ReelgraphError)
    def failed(request: Request, exc: ReelgraphError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    def crashed(request: Request, exc: Exception) -> Response:
        # A bug, not bad input: the log gets the traceback, the user a plain page.
        log.error("error answering %s", request.url.path, exc_info=exc)
        return error(request, 500, "the server could not answer this request")

    def person_data(person_id: str, offset: int, limit: int) -> dict[str, Any]:
        return read(
            lambda s: shapes.person_page(s, _key(s, person_id, PERSON), offset=offset, films=limit)
        )

    def film_data(film_id: str) -> dict[str, Any]:
        return read(lambda s: shapes.film_page(s, _key(s, film_id, FILM)))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        return templates.TemplateResponse(request, "search.html", {"result": None})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=MAX_QUERY)) -> Response:
        result = read(lambda s: _search(s, q)) if q.strip() else None
        return templates.TemplateResponse(request, "search.html", {"result": result})

    @app.get("/person/{person_id}", response_class=HTMLResponse, include_in_schema=False)
    def person_html(
        request: Request, person_id: str, offset: int = OFFSET, limit: int = FILMS
    ) -> Response:
        page = person_data(person_id, offset, limit)
        return templates.TemplateResponse(request, "person.html", {"page": page})

    @app.get("/film/{film_id}", response_class=HTMLResponse, include_in_schema=False)
    def film_html(request: Request, film_id: str) -> Response:
        return templates.TemplateResponse(request, "film.html", {"page": film_data(film_id)})

    @app.get("/api/person/{person_id}", summary="A person: card, filmography, mentions, related")
    def person_api(person_id: str, offset: int = OFFSET, limit: int = FILMS) -> dict[str, Any]:
        return person_data(person_id, offset, limit)

    @app.get("/api/film/{film_id}", summary="A film: card, cast, crew, reviews, films alongside")
    def film_api(film_id: str) -> dict[str, Any]:
        return film_data(film_id)

    @app.get("/api/search", summary="People and films matching a text, or the closest names")
    def search_api(q: str = Query(..., min_length=1, max_length=MAX_QUERY)) -> dict[str, Any]:
        return read(lambda s: _search(s, q))

    return app
