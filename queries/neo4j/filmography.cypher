// name: filmography
// params: person
// purpose: Every film of a person (by key), newest first (undated last): one row per credit (ACTED_IN with role names and billing, DIRECTED, WROTE, PRODUCED, CREDITED with categories). Variant files differ only in type(r) (Neo4j) vs label(r) (LadybugDB).
MATCH (p:Person {key: $person})-[r:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
RETURN f.key AS film, f.title AS title, f.year AS year, type(r) AS credit,
       r.roles AS roles, r.categories AS categories, r.jobs AS jobs, r.ordering AS billing
ORDER BY year IS NULL, year DESC, title, film, credit
