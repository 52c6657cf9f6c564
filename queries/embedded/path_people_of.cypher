// name: path_people_of
// params: keys
// purpose: The people with a credit on the given films, one row per (film, person): a step of the two-sided shortest-chain search (graph/pathfind.py), shaped for LadybugDB's planner as path_films_of is.
UNWIND $keys AS k
MATCH (f:Film)
WHERE f.key = k
OPTIONAL MATCH (f)<-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(p:Person)
RETURN DISTINCT k AS from_key, p.key AS to_key
