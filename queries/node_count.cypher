// name: node_count
// params: none
// template: label
// purpose: Count the nodes of one label (used by `reelgraph stats`).
MATCH (n:{{label}}) RETURN count(n) AS count
