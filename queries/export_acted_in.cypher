// name: export_acted_in
// params: from_first, from_last, every_to, to_first, to_last
// purpose: The ACTED_IN whose from key is in [$from_first, $from_last] and (unless $every_to) to key in [$to_first, $to_last], properties in graph/schema.py order (RDF export). No ORDER BY: Store.iter_edges cuts key ranges of at most a page (export_degrees) and sorts each page itself, cheaper than the engine's sort of every property column. ($every_to OR …): a plain to-key filter made LadybugDB plan a join that tripled the query's time.
MATCH (a:Person)-[r:ACTED_IN]->(b:Film)
WHERE a.key >= $from_first AND a.key <= $from_last
  AND ($every_to OR (b.key >= $to_first AND b.key <= $to_last))
RETURN a.key AS `from`, b.key AS `to`, r.roles AS roles, r.ordering AS ordering, r.jobs AS jobs,
       r.sources AS sources, r.confidence AS confidence, r.evidence AS evidence
