// name: credit_span
// params: person
// purpose: How many films a person (by key) has credits on, the latest year among them (the year recency counts from in related_people scores), and whether any review mentions the person. graph.pages picks how to find related people by the film count, and reads nothing about reviews for the many people no review mentions. No row for an unknown key.
MATCH (p:Person {key: $person})
OPTIONAL MATCH (p)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH p, count(DISTINCT g) AS films, max(g.year) AS latest
RETURN films, latest, EXISTS { MATCH (p)<-[:MENTIONS]-(:Review) } AS mentioned
