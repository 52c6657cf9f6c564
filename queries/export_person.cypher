// name: export_person
// params: after, limit
// purpose: One page of Person nodes in key order after key $after, properties in graph/schema.py order (streams the graph out: RDF export).
MATCH (n:Person)
WHERE n.key > $after
RETURN n.key AS key, n.name AS name, n.aliases AS aliases, n.birth_year AS birth_year,
       n.imdb AS imdb, n.qid AS qid, n.tmdb AS tmdb, n.link_score AS link_score,
       n.link_reason AS link_reason, n.sources AS sources, n.search AS search
ORDER BY key
LIMIT $limit
