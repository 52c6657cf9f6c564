// name: keys_by_id
// params: values
// template: label, field
// purpose: The key of the node carrying each external id value (the smallest key if several do), as one list of [value, key].
UNWIND $values AS v
MATCH (n:{{label}})
WHERE n.{{field}} = v
WITH v, min(n.key) AS key
RETURN collect([v, key]) AS found
