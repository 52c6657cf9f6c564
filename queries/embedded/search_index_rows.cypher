// name: search_index_rows
// params: none
// purpose: Every Person and Film with a `search` value, as the embedded store's search index stores them (kind, key, name, year, search): what a rebuild of the index reads.
MATCH (n:Person)
WHERE n.search IS NOT NULL
RETURN 'Person' AS kind, n.key AS key, n.name AS name, n.birth_year AS year, n.search AS search
UNION ALL
MATCH (n:Film)
WHERE n.search IS NOT NULL
RETURN 'Film' AS kind, n.key AS key, n.title AS name, n.year AS year, n.search AS search
