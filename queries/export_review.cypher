// name: export_review
// params: after, limit
// purpose: One page of Review nodes in key order after key $after, properties in graph/schema.py order (streams the graph out: RDF export).
MATCH (n:Review)
WHERE n.key > $after
RETURN n.key AS key, n.source AS source, n.language AS language, n.author AS author,
       n.date AS date, n.text AS text, n.sources AS sources
ORDER BY key
LIMIT $limit
