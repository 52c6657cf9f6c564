// name: path_films_of
// params: keys
// purpose: The films the given people have a credit on, one row per (person, film): a step of the two-sided shortest-chain search (graph/pathfind.py). UNWIND + WHERE + OPTIONAL MATCH makes LadybugDB look each person up and expand from it; `MATCH (p:Person {key: k})-[..]->(f)` was planned as a scan of every credit (4-5 s at 5M).
UNWIND $keys AS k
MATCH (p:Person)
WHERE p.key = k
OPTIONAL MATCH (p)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
RETURN DISTINCT k AS from_key, f.key AS to_key
