// name: path_links
// params: people, films
// purpose: The credits (type and role names) between the people and the films of a chain found by graph/pathfind.py; the caller picks each link's pair.
UNWIND $people AS k
MATCH (p:Person)
WHERE p.key = k
OPTIONAL MATCH (p)-[r:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WITH p, r, f
WHERE list_contains($films, f.key)
RETURN p.key AS person, f.key AS film, label(r) AS credit, r.roles AS roles
