// name: gazetteer_films
// params: none
// purpose: Key, titles, aliases and year of every titled film: the review loader's gazetteer (`reelgraph load reviews`).
MATCH (f:Film)
WHERE f.title IS NOT NULL
RETURN f.key AS key, f.title AS title, f.original_title AS original_title, f.aliases AS aliases, f.year AS year
