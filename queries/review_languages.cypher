// name: review_languages
// params: none
// purpose: The languages of the reviews in the graph: label languages `reelgraph link wikidata` searches besides English.
MATCH (r:Review)
WHERE r.language IS NOT NULL
RETURN DISTINCT r.language AS language
ORDER BY language
