// name: cast_overview
// params: none
// purpose: Every film with its actors and their roles, in billing order (used by `reelgraph demo`).
MATCH (p:Person)-[r:ACTED_IN]->(f:Film)
RETURN f.title AS film, f.year AS year, p.name AS actor, r.roles AS roles
ORDER BY film, year, r.ordering, actor
