// name: review_texts
// params: keys
// purpose: The reviews with the given keys, with their text (to show evidence spans in context).
MATCH (rv:Review)
WHERE rv.key IN $keys
RETURN rv.key AS review, rv.source AS source, rv.author AS author, rv.date AS date,
       rv.language AS language, rv.text AS text
ORDER BY review
