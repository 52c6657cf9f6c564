"""Wikidata linking: find the QIDs of Films and Persons over any SPARQL 1.1 endpoint.

- :mod:`graph.wikidata.terms`: IRIs/literals and the ``VALUES`` binder (no value is ever pasted).
- :mod:`graph.wikidata.client`: the polite SPARQLWrapper client (User-Agent, batches, retries).
- :mod:`graph.wikidata.cache`: the on-disk per-row answer cache.
- :mod:`graph.wikidata.candidates` / :mod:`graph.wikidata.score`: questions and scoring.
- :mod:`graph.wikidata.linker`: read the store, decide, write, report.
- :mod:`graph.wikidata.fixture` / :mod:`graph.wikidata.oxigraph`: a Wikidata-shaped subset of
  the real data and a local Oxigraph server, for tests, benches and offline demos.
"""
