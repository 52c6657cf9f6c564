"""The graph as RDF: schema.org mapping, streaming export, import back into a store.

- :mod:`graph.rdf.terms`: vocabulary, the IRI scheme (``--base``), N-Triples term syntax.
- :mod:`graph.rdf.mapping`: store rows to triples (the mapping is documented there).
- :mod:`graph.rdf.writers`: N-Triples / N-Quads / Turtle streamed; JSON-LD / RDF/XML via rdflib.
- :mod:`graph.rdf.reader`: an RDF file back to :mod:`graph.model` records.
- ``shapes.ttl``: SHACL shapes an export conforms to.
"""
