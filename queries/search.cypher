// name: search
// params: q, limit
// purpose: People and films whose normalised name, title, alias or id (the stored `search` words) contains q (normalised by graph.keys.normalize); rank 0 = a whole name, 1 = a name's start, 2 = a word's start, 3 = inside a word. Up to `limit` of each kind.
MATCH (n:Person)
WHERE n.search CONTAINS $q
WITH n, ' ' + n.search + ' ' AS words
RETURN 'Person' AS kind, n.key AS key, n.name AS name, n.birth_year AS year,
       CASE WHEN words CONTAINS (' ' + $q + ' ') THEN 0 WHEN words CONTAINS (' ' + $q) THEN 1
            WHEN words CONTAINS ('-' + $q) THEN 2 ELSE 3 END AS rank
ORDER BY rank, name, key
LIMIT $limit
UNION ALL
MATCH (n:Film)
WHERE n.search CONTAINS $q
WITH n, ' ' + n.search + ' ' AS words
RETURN 'Film' AS kind, n.key AS key, n.title AS name, n.year AS year,
       CASE WHEN words CONTAINS (' ' + $q + ' ') THEN 0 WHEN words CONTAINS (' ' + $q) THEN 1
            WHEN words CONTAINS ('-' + $q) THEN 2 ELSE 3 END AS rank
ORDER BY rank, name, key
LIMIT $limit
