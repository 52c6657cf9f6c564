// name: describe
// params: keys
// purpose: Name/title and year of the people and films with the given keys (birth year for people), for labelling paths and candidates; people first, then films, each by key. Looked up key by key (UNWIND + OPTIONAL MATCH on the key): `n.key IN $keys` made LadybugDB scan both tables (0.25-1.5 s at 1M nodes), and a UNION of the two lookups came back in either branch order on LadybugDB.
UNWIND $keys AS k
WITH DISTINCT k
OPTIONAL MATCH (p:Person {key: k})
WITH k, p
OPTIONAL MATCH (f:Film {key: k})
WITH k, p, f
WHERE p IS NOT NULL OR f IS NOT NULL
RETURN CASE WHEN p IS NULL THEN 'Film' ELSE 'Person' END AS kind,
       k AS key,
       coalesce(p.name, f.title) AS name,
       coalesce(p.birth_year, f.year) AS year
ORDER BY kind DESC, key
