// name: edges_between
// params: batch (Arrow table with columns f, t)
// template: rel, from, to
// purpose: The stored relationships between these (from key, to key) pairs. Ends looked up by key first, then expanded through adjacency, as in edge_pairs_present (a pattern with both keys inline joined against the whole relationship table).
LOAD FROM $batch
MATCH (a:{{from}})
WHERE a.key = f
MATCH (a)-[r:{{rel}}]->(b:{{to}})
WHERE b.key = t
RETURN f, t, r
