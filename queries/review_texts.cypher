// name: review_texts
// params: keys
// purpose: The reviews with the given keys, with their text (to show evidence spans in context). Looked up key by key: `rv.key IN $keys` scans the table on LadybugDB.
UNWIND $keys AS k
WITH DISTINCT k
MATCH (rv:Review {key: k})
RETURN rv.key AS review, rv.source AS source, rv.author AS author, rv.date AS date,
       rv.language AS language, rv.text AS text
ORDER BY review
