// name: co_stars
// params: person, limit
// purpose: The actors who acted with a person most often: shared films and the latest shared year.
MATCH (p:Person {key: $person})-[:ACTED_IN]->(f:Film)<-[:ACTED_IN]-(o:Person)
WHERE o.key <> p.key
WITH o, count(DISTINCT f) AS films, max(f.year) AS latest
RETURN o.key AS person, o.name AS name, films, latest
ORDER BY films DESC, latest DESC, name, person
LIMIT $limit
