// name: delete_edges
// params: batch (Arrow table with columns f, t)
// template: rel, from, to
// purpose: Remove relationships about to be re-inserted with merged properties (SET on relationships is slow here).
LOAD FROM $batch
MATCH (a:{{from}} {key: f})-[r:{{rel}}]->(b:{{to}} {key: t})
DELETE r
