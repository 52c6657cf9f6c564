// name: export_film
// params: after, limit
// purpose: One page of Film nodes in key order after key $after, properties in graph/schema.py order (streams the graph out: RDF export).
MATCH (n:Film)
WHERE n.key > $after
RETURN n.key AS key, n.title AS title, n.original_title AS original_title, n.year AS year,
       n.title_type AS title_type, n.aliases AS aliases, n.imdb AS imdb, n.qid AS qid,
       n.tmdb AS tmdb, n.link_score AS link_score, n.link_reason AS link_reason,
       n.sources AS sources, n.search AS search
ORDER BY key
LIMIT $limit
