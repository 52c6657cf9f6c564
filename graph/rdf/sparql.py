"""Named SPARQL queries (``queries/*.rq``) with their values bound in a VALUES block.

Values never enter the query text as text of their own: each becomes an RDF
term (escaped as N-Triples) in a trailing ``VALUES`` clause, which every
SPARQL 1.1 engine (rdflib, Oxigraph, Fuseki, Wikidata's) accepts.
"""

from __future__ import annotations

import queries
from graph.errors import QueryError
from graph.rdf.terms import double, integer, string

Value = str | int | float


def _term(value: Value) -> str:
    if isinstance(value, bool):
        raise QueryError("SPARQL parameters are strings or numbers, not booleans")
    if isinstance(value, int):
        return integer(value)
    if isinstance(value, float):
        return double(value)
    return string(value)


def render(name: str, params: dict[str, Value]) -> str:
    """The text of ``queries/<name>.rq`` with ``params`` bound (all of its params, no others)."""
    query = queries.get(name)
    if query.path.suffix != ".rq":
        raise QueryError(f"query {name!r} is not a SPARQL (.rq) query")
    if set(params) != set(query.params):
        raise QueryError(
            f"query {name!r} takes parameters {list(query.params)}, got {sorted(params)}"
        )
    if not params:
        return query.text
    names = " ".join(f"?{p}" for p in query.params)
    row = " ".join(_term(params[p]) for p in query.params)
    return f"{query.text}VALUES ({names}) {{ ({row}) }}\n"
