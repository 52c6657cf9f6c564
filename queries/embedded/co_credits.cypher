// name: co_credits
// params: person
// purpose: Every pair of credits (the person's, another person's) on a film the person (by key) worked on: the raw rows graph.pages.related_people scores in Python for people with few films (one simple statement: about 1.5 ms at 1M nodes, where the one-statement related_people costs 15-20 ms, mostly LadybugDB planning it). Unordered: graph.pages orders what it shows. Variant files differ only in type(r) (Neo4j) vs label(r) (LadybugDB).
MATCH (p:Person {key: $person})-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WHERE o.key <> $person
RETURN o.key AS person, o.name AS name, f.key AS film, f.title AS title, f.year AS year,
       label(r1) AS credit, label(r2) AS their_credit, r2.roles AS roles
