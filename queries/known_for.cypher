// name: known_for
// params: keys
// purpose: For each person key, their films with best billing and year, to tell people of the same name apart (graph.pages keeps the top few). Each person looked up by key and expanded from (UNWIND + OPTIONAL MATCH); `p.key IN $keys` made LadybugDB scan every credit.
UNWIND $keys AS k
WITH DISTINCT k
MATCH (p:Person {key: k})
OPTIONAL MATCH (p)-[r:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WITH p, f, min(r.ordering) AS billing
WHERE f IS NOT NULL
RETURN p.key AS person, f.key AS film, f.title AS title, f.year AS year, billing
ORDER BY person, billing, year DESC, film
