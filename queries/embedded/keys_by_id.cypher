// name: keys_by_id
// params: batch (Arrow table with column v)
// template: label, field
// purpose: The key of the node carrying each external id value (the smallest key if several do); a hash join.
LOAD FROM $batch
MATCH (n:{{label}})
WHERE n.{{field}} = v
RETURN v AS value, min(n.key) AS key
