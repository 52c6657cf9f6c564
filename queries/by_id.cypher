// name: by_id
// params: value
// template: field
// purpose: People and films whose external id (template field: imdb, qid, tmdb) equals value.
MATCH (n:Person)
WHERE n.{{field}} = $value
RETURN 'Person' AS kind, n.key AS key, n.name AS name, n.birth_year AS year
ORDER BY key
UNION ALL
MATCH (n:Film)
WHERE n.{{field}} = $value
RETURN 'Film' AS kind, n.key AS key, n.title AS name, n.year AS year
ORDER BY key
