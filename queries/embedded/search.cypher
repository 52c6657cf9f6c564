// name: search
// params: q, limit
// purpose: People and films whose normalised name, title, alias or id (the stored `search` words) contains q (normalised by graph.keys.normalize); rank 0 = a whole name, 1 = a name's start, 2 = a word's start, 3 = inside a word. Up to `limit` of each kind. Same answer as the shared file (tests check). LadybugDB has no index on `search` (only the primary key), so each table is scanned; its scan reads every property the query returns for every row, so the scan here reads only key and search, and the few matches are looked up again by key for their names.
MATCH (n:Person)
WHERE n.search CONTAINS $q
WITH n.key AS found, ' ' + n.search + ' ' AS words
MATCH (n:Person {key: found})
RETURN 'Person' AS kind, n.key AS key, n.name AS name, n.birth_year AS year,
       CASE WHEN words CONTAINS (' ' + $q + ' ') THEN 0 WHEN words CONTAINS (' ' + $q) THEN 1
            WHEN words CONTAINS ('-' + $q) THEN 2 ELSE 3 END AS rank
ORDER BY rank, name, key
LIMIT $limit
UNION ALL
MATCH (n:Film)
WHERE n.search CONTAINS $q
WITH n.key AS found, ' ' + n.search + ' ' AS words
MATCH (n:Film {key: found})
RETURN 'Film' AS kind, n.key AS key, n.title AS name, n.year AS year,
       CASE WHEN words CONTAINS (' ' + $q + ' ') THEN 0 WHEN words CONTAINS (' ' + $q) THEN 1
            WHEN words CONTAINS ('-' + $q) THEN 2 ELSE 3 END AS rank
ORDER BY rank, name, key
LIMIT $limit
