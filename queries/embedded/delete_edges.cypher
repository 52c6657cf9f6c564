// name: delete_edges
// params: batch (Arrow table with columns f, t)
// template: rel, from, to
// purpose: Remove relationships about to be re-inserted with merged properties (SET on relationships is slow here). Ends looked up by key first, then expanded through adjacency, as in edge_pairs_present.
LOAD FROM $batch
MATCH (a:{{from}})
WHERE a.key = f
MATCH (a)-[r:{{rel}}]->(b:{{to}})
WHERE b.key = t
DELETE r
