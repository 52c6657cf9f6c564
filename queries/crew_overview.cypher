// name: crew_overview
// params: none
// template: rel
// purpose: Every film with the people in one crew relationship (DIRECTED, WROTE …), used by `reelgraph demo`.
MATCH (p:Person)-[:{{rel}}]->(f:Film)
RETURN f.title AS film, f.year AS year, p.name AS person
ORDER BY film, year, person
