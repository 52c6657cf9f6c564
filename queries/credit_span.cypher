// name: credit_span
// params: person
// purpose: How many films a person (by key) has credits on, and the latest year among them (the year recency counts from in related_people scores). graph.pages picks how to find related people by the count.
MATCH (p:Person {key: $person})-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
RETURN count(DISTINCT g) AS films, max(g.year) AS latest
