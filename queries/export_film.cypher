// name: export_film
// params: first, last
// purpose: The Film nodes with keys in [$first, $last] (a range of at most a page, cut by export_keys), properties in graph/schema.py order (streams the graph out: RDF export). No ORDER BY: Store.iter_nodes sorts the page itself, cheaper than the engine's sort of every property column.
MATCH (n:Film)
WHERE n.key >= $first AND n.key <= $last
RETURN n.key AS key, n.title AS title, n.original_title AS original_title, n.year AS year,
       n.title_type AS title_type, n.aliases AS aliases, n.imdb AS imdb, n.qid AS qid,
       n.tmdb AS tmdb, n.link_score AS link_score, n.link_reason AS link_reason,
       n.sources AS sources, n.search AS search
