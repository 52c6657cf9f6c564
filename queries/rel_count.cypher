// name: rel_count
// params: none
// template: rel
// purpose: Count the relationships of one type (used by `reelgraph stats`).
MATCH ()-[r:{{rel}}]->() RETURN count(r) AS count
