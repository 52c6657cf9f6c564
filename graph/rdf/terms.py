"""Vocabulary, the IRI scheme and N-Triples term syntax shared by export and import.

IRIs are derived from node keys only, so they are identical across runs and
stores (README 'RDF export'): under a base ``B`` (default
:data:`DEFAULT_BASE`)

==============================  ============================================
``B film/imdb/tt0133093``       the node with key ``film:imdb:tt0133093``
``B edge/acted_in/F/T``         the credit or statement node of an edge
``B edge/acted_in/F/T/evidence/0``  its first evidence span
``B source/records:demo.jsonl`` a ``sources`` entry (provenance)
``B extractor/reviews-rules%2F1``  the extractor that produced a span
==============================  ============================================

A key's ``:`` become ``/`` in node IRIs; every other character outside the
IRI-safe ASCII set is percent-encoded (UTF-8), so keys map back exactly.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from graph import keys, schema
from graph.errors import ReelgraphError

DEFAULT_BASE = "https://reelgraph.example/"

SCHEMA = "http://schema.org/"
RG = "https://reelgraph.example/vocab#"  # our own terms, fixed whatever --base is
PROV = "http://www.w3.org/ns/prov#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
WIKIDATA = "http://www.wikidata.org/entity/"
PREFIXES = {
    "schema": SCHEMA,
    "rg": RG,
    "prov": PROV,
    "owl": OWL,
    "rdf": RDF,
    "xsd": XSD,
    "oa": OA,
    "wd": WIKIDATA,
}
#: External id -> (URL prefix, suffix) of the page the id names, per label.
ID_URLS: dict[str, dict[str, tuple[str, str]]] = {
    schema.FILM: {
        "imdb": ("https://www.imdb.com/title/", "/"),
        "tmdb": ("https://www.themoviedb.org/movie/", ""),
    },
    schema.PERSON: {
        "imdb": ("https://www.imdb.com/name/", "/"),
        "tmdb": ("https://www.themoviedb.org/person/", ""),
    },
}

# Characters kept as they are in one path segment (RFC 3987 unreserved + sub-delims + "@").
_SEGMENT_SAFE = "-._~!$&'()*+,;=@"
_BASE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+[/#]$")


class RdfError(ReelgraphError):
    """A bad RDF option (base IRI, format) or an export that cannot be produced."""


def check_base(base: str) -> str:
    """``base`` if it is an absolute IRI ending in ``/`` or ``#``; else a clear error."""
    if not _BASE.match(base):
        raise RdfError(
            f"--base {base!r} is not usable: give an absolute IRI ending in '/' or '#' "
            f'without spaces or <>"{{}}|\\^` characters, e.g. {DEFAULT_BASE}'
        )
    return base


def _segment(text: str, keep: str = "") -> str:
    encoded = quote(text, safe=_SEGMENT_SAFE + keep)
    # "." and ".." segments would be collapsed by IRI resolution.
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


# Keys made only of these characters (nearly all) need no encoding: the fast path.
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_~-]+(?::[A-Za-z0-9_~-]+)+$")


def key_path(key: str) -> str:
    if _PLAIN_KEY.match(key):
        return key.replace(":", "/")
    return "/".join(_segment(part) for part in key.split(":"))


def edge_segment(key: str) -> str:
    """A key as one segment of an edge IRI (its ``:`` kept)."""
    return key if _PLAIN_KEY.match(key) else _segment(key, ":")


def path_key(path: str) -> str:
    return ":".join(unquote(part) for part in path.split("/"))


class Iris:
    """The IRIs of one export/import, under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def node(self, key: str) -> str:
        return self.base + key_path(key)

    def node_and_segment(self, key: str) -> tuple[str, str]:
        """``node(key)`` and ``key`` as an edge IRI segment, with one check of the key."""
        if _PLAIN_KEY.match(key):
            return self.base + key.replace(":", "/"), key
        return self.node(key), edge_segment(key)

    def edge(self, rel: str, from_key: str, to_key: str) -> str:
        return f"{self.base}edge/{rel.lower()}/{edge_segment(from_key)}/{edge_segment(to_key)}"

    def source(self, source: str) -> str:
        """A ``sources`` entry: a review key is the review's IRI, anything else ``B source/…``."""
        if keys.kind_of(source) == schema.REVIEW and keys.KEY_PATTERN.match(source):
            return self.node(source)
        return f"{self.base}source/{_segment(source, ':')}"

    def extractor(self, name: str) -> str:
        return f"{self.base}extractor/{_segment(name, ':')}"

    # The reverse direction, for import: None when the IRI is not of that kind.

    def local(self, iri: str) -> str | None:
        return iri[len(self.base) :] if iri.startswith(self.base) else None

    def node_key(self, iri: str) -> str | None:
        rest = self.local(iri)
        if rest is None or rest.split("/", 1)[0] not in keys.PREFIX_KIND:
            return None
        key = path_key(rest)
        return key if keys.KEY_PATTERN.match(key) else None

    def source_of(self, iri: str) -> str | None:
        rest = self.local(iri)
        if rest is not None and rest.startswith("source/"):
            return unquote(rest[len("source/") :])
        key = self.node_key(iri)
        return key if key is not None and keys.kind_of(key) == schema.REVIEW else None

    def extractor_of(self, iri: str) -> str | None:
        rest = self.local(iri)
        if rest is None or not rest.startswith("extractor/"):
            return None
        return unquote(rest[len("extractor/") :])


# N-Triples term syntax (RDF 1.1; control characters escaped as RDF 1.2's canonical form
# asks). Terms are built as text once, so the N-Triples, N-Quads and Turtle writers share
# them: N-Triples terms are valid Turtle.

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES |= {ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES |= {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _ESCAPES}


def iri(value: str) -> str:
    return f"<{value}>"


# Most strings need no escape: one regex search is much cheaper than translate().
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]').search


def string(value: str, lang: str | None = None) -> str:
    if _NEEDS_ESCAPE(value):
        value = value.translate(_ESCAPES)
    return f'"{value}"@{lang}' if lang else f'"{value}"'


def typed(lexical: str, datatype: str) -> str:
    return f'"{lexical}"^^<{XSD}{datatype}>'


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


_DOUBLE_SPECIALS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}


def double_lexical(value: float) -> str:
    # repr() is a valid xsd:double lexical form except for the specials.
    text = repr(float(value))
    return _DOUBLE_SPECIALS.get(text, text)


def double(value: float) -> str:
    return f'"{double_lexical(value)}"^^<{XSD}double>'


def year(value: int) -> str:
    return f'"{value:04d}"^^<{XSD}gYear>'
