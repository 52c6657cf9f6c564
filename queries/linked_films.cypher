// name: linked_films
// params: none
// purpose: Film nodes that carry a QID, with the score and reason of the link (none when set by hand or loaded), for `reelgraph link wikidata`.
MATCH (f:Film)
WHERE f.qid IS NOT NULL
RETURN f.key AS key, f.qid AS qid, f.link_score AS score, f.link_reason AS reason
ORDER BY key
