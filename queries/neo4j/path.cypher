// name: path
// params: person_a, person_b
// template: path_rels
// purpose: A shortest chain of credits linking two people (the "Bacon number" is length / 2), at most path_rels relationships: node keys, credit types and role names along the way. When several chains are equally short, the store picks one.
MATCH (a:Person {key: $person_a}), (b:Person {key: $person_b})
MATCH p = shortestPath((a)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED*..{{path_rels}}]-(b))
RETURN length(p) AS length, [n IN nodes(p) | n.key] AS keys,
       [r IN relationships(p) | type(r)] AS credits, [r IN relationships(p) | r.roles] AS roles
