// name: legacy_evidence
// params: limit
// template: rel, from, to
// purpose: Up to $limit relationships whose evidence is still only in the six ev_* lists of an older store (none converted yet): their end keys and the lists, for the one-time conversion to one evidence value (graph/evidence.py). Converted ones drop out, so the conversion reads until none is left.
MATCH (a:{{from}})-[r:{{rel}}]->(b:{{to}})
WHERE size(r.ev_source) > 0 AND r.evidence IS NULL
RETURN a.key AS f, b.key AS t, r.ev_source AS ev_source, r.ev_start AS ev_start, r.ev_end AS ev_end,
       r.ev_text AS ev_text, r.ev_extractor AS ev_extractor, r.ev_confidence AS ev_confidence
LIMIT $limit
