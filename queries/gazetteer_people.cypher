// name: gazetteer_people
// params: none
// purpose: Key, name and aliases of every named person: the review loader's gazetteer (`reelgraph load reviews`).
MATCH (p:Person)
WHERE p.name IS NOT NULL
RETURN p.key AS key, p.name AS name, p.aliases AS aliases
