// name: people_to_link
// params: none
// purpose: People without a QID, their ids, names, birth year and the keys of the films they acted in or directed (sorted), for `reelgraph link wikidata`.
MATCH (p:Person)
WHERE p.qid IS NULL
OPTIONAL MATCH (p)-[:ACTED_IN|DIRECTED]->(f:Film)
WITH p, f
ORDER BY f.key SKIP 0
WITH p, collect(DISTINCT f.key) AS films
RETURN p.key AS key, p.name AS name, p.aliases AS aliases, p.birth_year AS birth_year,
       p.imdb AS imdb, p.tmdb AS tmdb, films
ORDER BY key
