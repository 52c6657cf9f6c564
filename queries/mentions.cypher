// name: mentions
// params: entity
// purpose: Where a person or film (by key) is mentioned: each review with the edge's confidence and its evidence spans (one JSON value: graph/evidence.py).
MATCH (rv:Review)-[m:MENTIONS]->(n:Person {key: $entity})
RETURN rv.key AS review, rv.source AS source, rv.date AS date, m.confidence AS confidence,
       m.evidence AS evidence
ORDER BY date DESC, review
UNION ALL
MATCH (rv:Review)-[m:MENTIONS]->(n:Film {key: $entity})
RETURN rv.key AS review, rv.source AS source, rv.date AS date, m.confidence AS confidence,
       m.evidence AS evidence
ORDER BY date DESC, review
