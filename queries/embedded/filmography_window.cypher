// name: filmography_window
// params: person, offset, limit
// purpose: One page of a person's filmography (by key): the films from number `offset` (0-based, in filmography order: newest first, undated last, then title, key), at most `limit` of them, one row per credit like `filmography`. Films are ordered and cut before any credit property is read, so a page of a 1,700-film career reads 100 films' credits, not all. Count the films with `credit_span`. Variant files differ only in type(r) (Neo4j) vs label(r) (LadybugDB).
MATCH (p:Person {key: $person})-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH DISTINCT g.key AS film, g.title AS title, g.year AS year
ORDER BY year IS NULL, year DESC, title, film
SKIP $offset LIMIT $limit
MATCH (p:Person {key: $person})-[r:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film {key: film})
RETURN f.key AS film, f.title AS title, f.year AS year, label(r) AS credit,
       r.roles AS roles, r.categories AS categories, r.jobs AS jobs, r.ordering AS billing
ORDER BY year IS NULL, year DESC, title, film, credit
