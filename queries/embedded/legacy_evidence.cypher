// name: legacy_evidence
// params: limit
// template: rel, from, to
// purpose: Up to $limit relationships whose evidence is still only in the six ev_* lists of an older store (none converted yet): their end keys and the whole relationship, for the one-time conversion to one evidence value (graph/stores/legacy_evidence.py). Converted ones are created again without the lists and drop out, so the conversion reads until none is left.
MATCH (a:{{from}})-[r:{{rel}}]->(b:{{to}})
WHERE size(r.ev_source) > 0 AND r.evidence IS NULL
RETURN a.key AS f, b.key AS t, r
LIMIT $limit
