// name: reviews_of
// params: film
// purpose: The reviews about a film (REVIEWS, not mere mentions), newest first.
MATCH (rv:Review)-[r:REVIEWS]->(f:Film {key: $film})
RETURN rv.key AS review, rv.source AS source, rv.author AS author, rv.date AS date,
       rv.language AS language, r.confidence AS confidence
ORDER BY date DESC, review
