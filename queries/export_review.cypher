// name: export_review
// params: first, last
// purpose: The Review nodes with keys in [$first, $last] (a range of at most a page, cut by export_keys), properties in graph/schema.py order (streams the graph out: RDF export). No ORDER BY: Store.iter_nodes sorts the page itself, cheaper than the engine's sort of every property column.
MATCH (n:Review)
WHERE n.key >= $first AND n.key <= $last
RETURN n.key AS key, n.source AS source, n.language AS language, n.author AS author,
       n.date AS date, n.text AS text, n.sources AS sources
