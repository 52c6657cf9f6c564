// name: edges_between
// params: batch (Arrow table with columns f, t)
// template: rel, from, to
// purpose: The stored relationships between these (from key, to key) pairs.
LOAD FROM $batch
MATCH (a:{{from}} {key: f})-[r:{{rel}}]->(b:{{to}} {key: t})
RETURN f, t, r
