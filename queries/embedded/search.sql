-- name: search
-- params: q, limit
-- purpose: The `search` query answered from the embedded store's search index: the trigram index finds the candidates (q as one quoted phrase, its double quotes doubled, so no character of q is FTS5 syntax) and instr() keeps exactly those whose `search` contains q, as CONTAINS does. Same columns, ranks and order as queries/search.cypher (tests check); BINARY collation compares UTF-8 bytes, as LadybugDB orders strings, and its nulls sort last as there. Needs q of 3 or more characters (a trigram).
WITH hit AS MATERIALIZED (
    SELECT n.kind, n.key, n.name, n.year, ' ' || n.search || ' ' AS words
    FROM node_text JOIN node AS n ON n.id = node_text.rowid
    WHERE node_text MATCH '"' || replace(:q, '"', '""') || '"' AND instr(n.search, :q) > 0
),
ranked AS (
    SELECT kind, key, name, year,
           CASE WHEN instr(words, ' ' || :q || ' ') > 0 THEN 0
                WHEN instr(words, ' ' || :q) > 0 THEN 1
                WHEN instr(words, '-' || :q) > 0 THEN 2 ELSE 3 END AS rank
    FROM hit
)
SELECT * FROM (
    SELECT * FROM ranked WHERE kind = 'Person' ORDER BY rank, name IS NULL, name, key LIMIT :limit
)
UNION ALL
SELECT * FROM (
    SELECT * FROM ranked WHERE kind = 'Film' ORDER BY rank, name IS NULL, name, key LIMIT :limit
)
