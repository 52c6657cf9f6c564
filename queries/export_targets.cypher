// name: export_targets
// params: key
// template: rel, from, to
// purpose: The keys of the {{to}} nodes the {{from}} node $key has a {{rel}} relationship to, in key order: how Store.iter_edges splits the relationships of a node with more than a page of them into to-key ranges (RDF export).
MATCH (a:{{from}})-[:{{rel}}]->(b:{{to}})
WHERE a.key = $key
RETURN b.key AS key
ORDER BY key
