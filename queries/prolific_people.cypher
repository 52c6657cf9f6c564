// name: prolific_people
// params: min_films
// purpose: People with credits on at least `min_films` films, most films first (then by key): those whose related people graph.precompute computes ahead of time.
MATCH (p:Person)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WITH p, count(DISTINCT f) AS films
WHERE films >= $min_films
RETURN p.key AS person, films
ORDER BY films DESC, person
