// name: mentioned_alongside
// params: film, limit
// purpose: Other films mentioned or reviewed in the reviews that mention or review a film (by key), with how many such reviews.
MATCH (f:Film {key: $film})<-[:MENTIONS|REVIEWS]-(rv:Review)-[:MENTIONS|REVIEWS]->(o:Film)
WHERE o.key <> f.key
WITH o, count(DISTINCT rv) AS reviews
RETURN o.key AS film, o.title AS title, o.year AS year, reviews
ORDER BY reviews DESC, title, film
LIMIT $limit
