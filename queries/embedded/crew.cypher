// name: crew
// params: film
// purpose: The crew of a film (by key): directors, writers, producers, then other credits (categories), each in the sources' order. Variant files differ only in type(r) (Neo4j) vs label(r) (LadybugDB).
MATCH (p:Person)-[r:DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film {key: $film})
WITH p, r, label(r) AS credit
RETURN credit, p.key AS person, p.name AS name, r.categories AS categories, r.jobs AS jobs,
       r.ordering AS billing
ORDER BY CASE credit WHEN 'DIRECTED' THEN 1 WHEN 'WROTE' THEN 2 WHEN 'PRODUCED' THEN 3 ELSE 4 END,
         billing, name, person
