// name: linked_people
// params: none
// purpose: Person nodes that carry a QID, with the score and reason of the link (none when set by hand or loaded), for `reelgraph link wikidata`.
MATCH (p:Person)
WHERE p.qid IS NOT NULL
RETURN p.key AS key, p.qid AS qid, p.link_score AS score, p.link_reason AS reason
ORDER BY key
