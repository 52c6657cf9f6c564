// name: collaborators
// params: person, limit
// template: credit
// purpose: The people with one credit (template credit: ACTED_IN, DIRECTED …) on a person's films, most shared films first, e.g. the actors a director works with most.
MATCH (p:Person {key: $person})-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)<-[:{{credit}}]-(o:Person)
WHERE o.key <> p.key
WITH o, count(DISTINCT f) AS films, max(f.year) AS latest
RETURN o.key AS person, o.name AS name, films, latest
ORDER BY films DESC, latest DESC, name, person
LIMIT $limit
