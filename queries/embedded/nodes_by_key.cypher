// name: nodes_by_key
// params: batch (Arrow table with column k)
// template: label
// purpose: The stored nodes with these keys; LOAD FROM + key match uses the primary-key index.
LOAD FROM $batch
MATCH (n:{{label}} {key: k})
RETURN n
