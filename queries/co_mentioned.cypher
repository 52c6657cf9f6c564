// name: co_mentioned
// params: person
// purpose: The other people mentioned by a review that mentions a person (by key): one row per (review, other person), for graph.pages.related_people on people with few films (the reviews part of related_people).
MATCH (p:Person {key: $person})<-[:MENTIONS]-(rv:Review)-[:MENTIONS]->(o:Person)
WHERE o.key <> $person
RETURN o.key AS person, o.name AS name, rv.key AS review, rv.source AS source
ORDER BY person, review
