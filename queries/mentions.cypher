// name: mentions
// params: entity
// purpose: Where a person or film (by key) is mentioned: each review with the evidence spans (parallel lists: start, end, text, extractor, confidence).
MATCH (rv:Review)-[m:MENTIONS]->(n:Person {key: $entity})
RETURN rv.key AS review, rv.source AS source, rv.date AS date, m.confidence AS confidence,
       m.ev_start AS ev_start, m.ev_end AS ev_end, m.ev_text AS ev_text,
       m.ev_extractor AS ev_extractor, m.ev_confidence AS ev_confidence
ORDER BY date DESC, review
UNION ALL
MATCH (rv:Review)-[m:MENTIONS]->(n:Film {key: $entity})
RETURN rv.key AS review, rv.source AS source, rv.date AS date, m.confidence AS confidence,
       m.ev_start AS ev_start, m.ev_end AS ev_end, m.ev_text AS ev_text,
       m.ev_extractor AS ev_extractor, m.ev_confidence AS ev_confidence
ORDER BY date DESC, review
