// name: credit_span
// params: person
// purpose: How many films a person (by key) has credits on, the latest year among them (the year recency counts from in related_people scores), and how many reviews mention the person. graph.pages picks how to find related people by the film count, and reads nothing about reviews for the many people no review mentions. No row for an unknown key.
MATCH (p:Person {key: $person})
OPTIONAL MATCH (p)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH p, count(DISTINCT g) AS films, max(g.year) AS latest
OPTIONAL MATCH (p)<-[:MENTIONS]-(rv:Review)
RETURN films, latest, count(DISTINCT rv) AS reviews
