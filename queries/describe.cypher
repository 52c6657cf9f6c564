// name: describe
// params: keys
// purpose: Name/title and year of the people and films with the given keys (birth year for people), for labelling paths and candidates. Looked up key by key (UNWIND): `n.key IN $keys` made LadybugDB scan both tables (0.25-1.5 s at 1M nodes).
UNWIND $keys AS k
WITH DISTINCT k
MATCH (n:Person {key: k})
RETURN 'Person' AS kind, n.key AS key, n.name AS name, n.birth_year AS year
ORDER BY key
UNION ALL
UNWIND $keys AS k
WITH DISTINCT k
MATCH (n:Film {key: k})
RETURN 'Film' AS kind, n.key AS key, n.title AS name, n.year AS year
ORDER BY key
