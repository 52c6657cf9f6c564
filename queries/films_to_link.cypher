// name: films_to_link
// params: none
// purpose: Films without a QID and what identifies them (ids, titles, year, director and actor names, sorted), for `reelgraph link wikidata`.
MATCH (f:Film)
WHERE f.qid IS NULL
OPTIONAL MATCH (d:Person)-[:DIRECTED]->(f)
WITH f, d
ORDER BY d.name SKIP 0
WITH f, collect(DISTINCT d.name) AS directors
OPTIONAL MATCH (a:Person)-[:ACTED_IN]->(f)
WITH f, directors, a
ORDER BY a.name SKIP 0
WITH f, directors, collect(DISTINCT a.name) AS actors
RETURN f.key AS key, f.title AS title, f.original_title AS original_title, f.year AS year,
       f.aliases AS aliases, f.imdb AS imdb, f.tmdb AS tmdb, directors, actors
ORDER BY key
