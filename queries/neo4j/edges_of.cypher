// name: edges_of
// params: keys
// template: label
// purpose: Every relationship at the nodes with these keys, both directions (to move them when nodes are joined).
UNWIND $keys AS k
MATCH (n:{{label}} {key: k})-[r]-()
RETURN type(r) AS rel, labels(startNode(r))[0] AS from_label, labels(endNode(r))[0] AS to_label,
       startNode(r).key AS from, endNode(r).key AS to, properties(r) AS props
