// name: edge_pairs_present
// params: batch (Arrow table with columns f, t)
// template: rel, from, to
// purpose: Which of these (from key, to key) pairs have a stored relationship: keys only. Reading the relationships themselves (edges_between) for a whole batch cost about 4x as much on 4M ACTED_IN, and on a first load few pairs exist, so the store asks this first.
LOAD FROM $batch
MATCH (a:{{from}} {key: f})-[:{{rel}}]->(b:{{to}} {key: t})
RETURN f, t
