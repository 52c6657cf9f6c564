// name: path
// params: person_a, person_b
// template: path_rels
// purpose: A shortest chain of credits linking two people (the "Bacon number" is length / 2), at most path_rels relationships: node keys, credit types and role names along the way. When several chains are equally short, the store picks one.
MATCH (a:Person {key: $person_a}), (b:Person {key: $person_b})
MATCH p = (a)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED* SHORTEST 1..{{path_rels}}]-(b)
RETURN length(p) AS length, list_transform(nodes(p), n -> n.key) AS keys,
       list_transform(rels(p), r -> label(r)) AS credits, list_transform(rels(p), r -> r.roles) AS roles
