// name: legacy_evidence
// params: limit
// template: rel
// purpose: Up to $limit relationships that still hold evidence as the six ev_* lists of an older reelgraph: their element ids and the lists, for the one-time conversion to one evidence value (graph/evidence.py). Converted ones lose the lists and drop out.
MATCH ()-[r:{{rel}}]->()
WHERE r.ev_source IS NOT NULL
RETURN elementId(r) AS id, r.ev_source AS ev_source, r.ev_start AS ev_start, r.ev_end AS ev_end,
       r.ev_text AS ev_text, r.ev_extractor AS ev_extractor, r.ev_confidence AS ev_confidence
LIMIT $limit
