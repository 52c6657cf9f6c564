// name: delete_nodes
// params: keys
// template: label
// purpose: Delete nodes (with their relationships) that were joined into another node.
UNWIND $keys AS k
MATCH (n:{{label}} {key: k})
DETACH DELETE n
