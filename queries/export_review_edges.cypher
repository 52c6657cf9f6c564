// name: export_review_edges
// params: after_from, after_to, limit
// template: rel, to
// purpose: One page of a review relationship (MENTIONS, REVIEWS) to one label in (from key, to key) order after the pair ($after_from, $after_to), properties in graph/schema.py order (RDF export).
MATCH (a:Review)-[r:{{rel}}]->(b:{{to}})
WHERE a.key >= $after_from AND (a.key > $after_from OR b.key > $after_to)
RETURN a.key AS from_key, b.key AS to_key, r.sources AS sources, r.confidence AS confidence, r.ev_source AS ev_source,
       r.ev_start AS ev_start, r.ev_end AS ev_end, r.ev_text AS ev_text,
       r.ev_extractor AS ev_extractor, r.ev_confidence AS ev_confidence
ORDER BY from_key, to_key
LIMIT $limit
