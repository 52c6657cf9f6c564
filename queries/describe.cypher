// name: describe
// params: keys
// purpose: Name/title and year of the people and films with the given keys (birth year for people), for labelling paths and candidates.
MATCH (n:Person)
WHERE n.key IN $keys
RETURN 'Person' AS kind, n.key AS key, n.name AS name, n.birth_year AS year
ORDER BY key
UNION ALL
MATCH (n:Film)
WHERE n.key IN $keys
RETURN 'Film' AS kind, n.key AS key, n.title AS name, n.year AS year
ORDER BY key
