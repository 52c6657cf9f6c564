// name: cast
// params: film
// purpose: The cast of a film (by key) in billing order (unbilled last), with role names.
MATCH (p:Person)-[r:ACTED_IN]->(f:Film {key: $film})
RETURN p.key AS person, p.name AS name, r.roles AS roles, r.ordering AS billing
ORDER BY billing, name, person
