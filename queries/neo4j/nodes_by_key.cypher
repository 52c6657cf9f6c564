// name: nodes_by_key
// params: keys
// template: label
// purpose: The stored properties of the nodes with these keys.
UNWIND $keys AS k
MATCH (n:{{label}} {key: k})
RETURN n.key AS key, properties(n) AS props
