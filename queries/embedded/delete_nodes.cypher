// name: delete_nodes
// params: batch (Arrow table with column k)
// template: label
// purpose: Delete nodes (with their relationships) that were joined into another node.
LOAD FROM $batch
MATCH (n:{{label}} {key: k})
DETACH DELETE n
