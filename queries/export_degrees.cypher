// name: export_degrees
// params: after, limit
// template: rel, from, to
// purpose: One page of {{from}} keys in key order after key $after, each with its number of {{rel}} relationships to {{to}}: how Store.iter_edges cuts the relationships into key ranges of a bounded size (RDF export). A COUNT subquery: a third cheaper on LadybugDB than OPTIONAL MATCH + count().
MATCH (a:{{from}})
WHERE a.key > $after
WITH a ORDER BY a.key LIMIT $limit
RETURN a.key AS key, COUNT { MATCH (a)-[:{{rel}}]->(:{{to}}) } AS degree
ORDER BY key
