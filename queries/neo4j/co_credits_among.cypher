// name: co_credits_among
// params: person, others
// purpose: The co_credits rows of a person (by key) with the people in `others` only (handles from related_candidates): every pair of credits (the person's, theirs) on a shared film, the rows graph.pages.related_people scores.
MATCH (o:Person)
WHERE elementId(o) IN $others
MATCH (p:Person {key: $person})-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o)
RETURN o.key AS person, o.name AS name, f.key AS film, f.title AS title, f.year AS year,
       type(r1) AS credit, type(r2) AS their_credit, r2.roles AS roles
