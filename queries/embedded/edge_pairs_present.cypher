// name: edge_pairs_present
// params: batch (Arrow table with columns f, t)
// template: rel, from, to
// purpose: Which of these (from key, to key) pairs have a stored relationship: keys only (on a first load few pairs exist, so the store asks this before reading whole relationships with edges_between). Both ends are looked up by key first (WHERE after a bare MATCH), so LadybugDB expands from the bound nodes' adjacency: `MATCH (a {key: f})-[..]->(b {key: t})` was planned as a join against every relationship of the type, 1.7 s per 50,000 pairs at 4M ACTED_IN and growing with the table (a load's time grew with its square).
LOAD FROM $batch
MATCH (a:{{from}})
WHERE a.key = f
MATCH (a)-[:{{rel}}]->(b:{{to}})
WHERE b.key = t
RETURN f, t
