// name: nodes_by_key
// params: keys
// template: label
// purpose: The stored properties of the nodes with these keys, as one list (one record: the driver's per-record cost dominated).
UNWIND $keys AS k
MATCH (n:{{label}} {key: k})
RETURN collect(properties(n)) AS found
