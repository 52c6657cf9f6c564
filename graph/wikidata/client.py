"""A polite SPARQL 1.1 client (SPARQLWrapper underneath) with per-row caching.

Manners, after the Wikidata Query Service's rules: a descriptive User-Agent
with a contact; one request at a time (this client never runs two); values in
``VALUES`` batches of a few hundred rows; HTTP 429 (and 503 with
``Retry-After``) waits as long as the server asks; timeouts, 5xx and refused
connections are retried with exponential backoff, then reported as an
:class:`EndpointError`. Answers that are not SPARQL JSON results (an HTML
page, broken JSON, a binding that does not say which input row it answers)
are errors too, and nothing from them is cached or used.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import time
import urllib.error
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

import queries
from graph.errors import ReelgraphError
from graph.wikidata.cache import AnswerCache, row_key
from graph.wikidata.terms import IRI, Row, Term, bind, from_binding, values_variables

WDQS = "https://query.wikidata.org/sparql"
Binding = dict[str, Term]


class EndpointError(ReelgraphError):
    """The SPARQL endpoint failed, refused, or answered something unusable."""


def user_agent(contact: str | None) -> str:
    """``reelgraph/<version> (<contact>) SPARQLWrapper/<version>``, per Wikimedia's policy."""
    who = contact or "no contact given; pass --contact EMAIL"
    return f"reelgraph/{version('reelgraph')} ({who}) SPARQLWrapper/{version('SPARQLWrapper')}"


@dataclass
class Politeness:
    timeout: float = 60.0
    retries: int = 4
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_wait: float = 300.0  # longest Retry-After we honour before giving up
    batch_rows: int = 300


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


def _retry_after(headers: Any) -> float | None:
    raw = headers.get("Retry-After") if headers is not None else None
    if raw is None:
        return None
    raw = str(raw).strip()
    if raw.isdigit():
        return float(raw)
    when = email.utils.parsedate_to_datetime(raw) if raw else None
    return max(0.0, when.timestamp() - time.time()) if when else None


class SparqlClient:
    """Runs named ``.rq`` queries with bound ``VALUES`` rows; ``requests`` counts HTTP calls."""

    def __init__(
        self,
        endpoint: str = WDQS,
        *,
        contact: str | None = None,
        cache: AnswerCache | None = None,
        manners: Politeness | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint
        self.agent = user_agent(contact)
        self.cache = cache
        self.manners = manners or Politeness()
        self.sleep = sleep
        self.requests = 0
        self.waited = 0.0

    def select(self, name: str, rows: Sequence[Row]) -> dict[Row, list[Binding]]:
        """The answer rows of query ``name`` for each input row (cached ones are not asked)."""
        text = queries.get(name).text
        names = values_variables(text)
        unique = list(dict.fromkeys(rows))
        keys = {row: row_key(self.endpoint, text, _encode(row)) for row in unique}
        cached = self.cache.get_many(list(keys.values())) if self.cache else {}
        out = {row: _decode(cached[keys[row]]) for row in unique if keys[row] in cached}
        missing = [row for row in unique if keys[row] not in cached]
        size = self.manners.batch_rows
        for start in range(0, len(missing), size):
            batch = missing[start : start + size]
            answers = self._answers(name, bind(text, batch), names, batch)
            if self.cache:
                self.cache.put_many({keys[r]: _encode_answer(a) for r, a in answers.items()})
            out.update(answers)
        return out

    def _answers(
        self, name: str, text: str, names: tuple[str, ...], batch: list[Row]
    ) -> dict[Row, list[Binding]]:
        document = self._request(name, text)
        answers: dict[Row, list[Binding]] = {row: [] for row in batch}
        for raw in document["results"]["bindings"]:
            try:
                binding = {var: from_binding(value) for var, value in raw.items()}
                row = tuple(binding.pop(var) for var in names)
            except (KeyError, ValueError, AttributeError, ReelgraphError) as exc:
                raise EndpointError(
                    f"{self.endpoint} answered query {name!r} with a row that does not say "
                    f"which input it answers ({exc}); nothing from this answer is used"
                ) from exc
            if row not in answers:
                raise EndpointError(
                    f"{self.endpoint} answered query {name!r} for an input it was not asked "
                    f"({row!r}); nothing from this answer is used"
                )
            answers[row].append(binding)
        return answers

    def _request(self, name: str, text: str) -> dict[str, Any]:
        """One query, with retries; the parsed SPARQL JSON document."""
        manners = self.manners
        delay = manners.backoff
        for attempt in range(manners.retries + 1):
            try:
                return self._send(name, text)
            except _Retry as retry:
                if attempt == manners.retries:
                    raise EndpointError(
                        f"{self.endpoint} failed query {name!r} {attempt + 1} times "
                        f"(last: {retry}); links found so far are kept, run again to resume"
                    ) from retry
                wait = retry.wait if retry.wait is not None else delay
                if wait > manners.max_wait:
                    raise EndpointError(
                        f"{self.endpoint} asks to wait {wait:.0f} s (more than "
                        f"{manners.max_wait:.0f} s); links found so far are kept, run again later"
                    ) from retry
                self.waited += wait
                self.sleep(wait)
                delay *= 2
        raise AssertionError("unreachable")

    def _send(self, name: str, text: str) -> dict[str, Any]:
        wrapper = SPARQLWrapper(self.endpoint, agent=self.agent)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(max(1, self.manners.timeout)))
        wrapper.setQuery(text)
        self.requests += 1
        try:
            result = wrapper.query()
            body = result.response.read()
            content_type = str(result.info().get("content-type", ""))
        except urllib.error.HTTPError as exc:
            if exc.code == 429 or exc.code >= 500:
                raise _Retry(f"HTTP {exc.code}", _retry_after(exc.headers)) from exc
            raise EndpointError(f"{self.endpoint} refused query {name!r}: HTTP {exc.code}") from exc
        except EndPointInternalError as exc:
            raise _Retry(f"HTTP 500: {_short(exc)}") from exc
        except SPARQLWrapperException as exc:
            raise EndpointError(f"{self.endpoint} rejected query {name!r}: {_short(exc)}") from exc
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            raise _Retry(f"cannot reach the endpoint: {getattr(exc, 'reason', exc)}") from exc
        return _parse(self.endpoint, name, body, content_type)


def _short(exc: Exception, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + " …"


def _parse(endpoint: str, name: str, body: bytes, content_type: str) -> dict[str, Any]:
    if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
        raise EndpointError(
            f"{endpoint} answered query {name!r} with {content_type or 'a page'}, not SPARQL "
            "JSON results: is this the URL of a SPARQL endpoint?"
        )
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise EndpointError(
            f"{endpoint} answered query {name!r} with malformed JSON ({exc}); nothing used"
        ) from exc
    results = document.get("results") if isinstance(document, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
        raise EndpointError(
            f"{endpoint} answered query {name!r} with JSON that is not SPARQL SELECT results "
            "(no results.bindings list); nothing used"
        )
    checked: dict[str, Any] = document
    return checked


def _term_json(term: Term) -> list[str | None]:
    if isinstance(term, IRI):
        return ["iri", term.value, None]
    return ["lit", term.value, term.lang]


def _encode(row: Row) -> str:
    return json.dumps([_term_json(t) for t in row], ensure_ascii=False)


def _encode_answer(bindings: list[Binding]) -> list[dict[str, list[str | None]]]:
    return [{var: _term_json(t) for var, t in b.items()} for b in bindings]


def _decode(stored: list[dict[str, list[str | None]]]) -> list[Binding]:
    out: list[Binding] = []
    for item in stored:
        binding: Binding = {}
        for var, (kind, value, lang) in item.items():
            spec: dict[str, Any] = {"type": "uri" if kind == "iri" else "literal", "value": value}
            if lang:
                spec["xml:lang"] = lang
            binding[var] = from_binding(spec)
        out.append(binding)
    return out
