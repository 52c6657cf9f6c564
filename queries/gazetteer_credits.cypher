// name: gazetteer_credits
// params: none
// template: rel
// purpose: Film and person keys of every credit of one type: the cast and crew context the review loader resolves names with.
MATCH (p:Person)-[:{{rel}}]->(f:Film)
RETURN f.key AS film, p.key AS person
