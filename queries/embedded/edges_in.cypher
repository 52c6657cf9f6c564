// name: edges_in
// params: batch (Arrow table with column k)
// template: label
// purpose: Every relationship arriving at the nodes with these keys (to move them when nodes are joined).
LOAD FROM $batch
MATCH (n:{{label}} {key: k})<-[r]-(m)
RETURN label(r) AS rel, label(m) AS other_label, m.key AS other, n.key AS key, r
