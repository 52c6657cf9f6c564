// name: export_person
// params: first, last
// purpose: The Person nodes with keys in [$first, $last] (a range of at most a page, cut by export_keys), properties in graph/schema.py order (streams the graph out: RDF export). No ORDER BY: Store.iter_nodes sorts the page itself, cheaper than the engine's sort of every property column.
MATCH (n:Person)
WHERE n.key >= $first AND n.key <= $last
RETURN n.key AS key, n.name AS name, n.aliases AS aliases, n.birth_year AS birth_year,
       n.imdb AS imdb, n.qid AS qid, n.tmdb AS tmdb, n.link_score AS link_score,
       n.link_reason AS link_reason, n.sources AS sources, n.search AS search
