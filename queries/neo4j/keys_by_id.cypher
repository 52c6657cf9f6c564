// name: keys_by_id
// params: values
// template: label, field
// purpose: The key of the node carrying each external id value (the smallest key if several do).
UNWIND $values AS v
MATCH (n:{{label}})
WHERE n.{{field}} = v
RETURN v AS value, min(n.key) AS key
