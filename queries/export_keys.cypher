// name: export_keys
// params: after, limit
// template: label
// purpose: One page of {{label}} keys in key order after key $after: the key ranges Store.iter_nodes reads a page of nodes by (the sort then moves keys only, not every property column; RDF export).
MATCH (n:{{label}})
WHERE n.key > $after
RETURN n.key AS key
ORDER BY key
LIMIT $limit
