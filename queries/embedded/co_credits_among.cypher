// name: co_credits_among
// params: person, others
// purpose: The co_credits rows of a person (by key) with the people in `others` only (handles from related_candidates): every pair of credits (the person's, theirs) on a shared film, the rows graph.pages.related_people scores. The person's co-credits are walked by node offset; only the (film, co-worker) pairs kept are expanded again from the film to read names, keys and roles (reading roles for all 27,000 co-credits of a prolific person cost 90 ms, this ~30 ms).
MATCH (p:Person {key: $person})-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
OPTIONAL MATCH (f)<-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WITH f, label(r1) AS credit, offset(id(o)) AS other
WHERE list_contains($others, other)
// A co-worker with two credits on the film gives two rows here; the film is expanded once.
WITH DISTINCT f, credit, other
MATCH (f)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WHERE offset(id(o)) = other
RETURN o.key AS person, o.name AS name, f.key AS film, f.title AS title, f.year AS year,
       credit, label(r2) AS their_credit, r2.roles AS roles
