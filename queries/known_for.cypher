// name: known_for
// params: keys
// purpose: For each person key, their films with best billing and year, to tell people of the same name apart (graph.pages keeps the top few).
MATCH (p:Person)-[r:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WHERE p.key IN $keys
WITH p, f, min(r.ordering) AS billing
RETURN p.key AS person, f.key AS film, f.title AS title, f.year AS year, billing
ORDER BY person, billing, year DESC, film
