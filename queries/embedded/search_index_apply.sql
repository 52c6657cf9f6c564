-- name: search_index_apply
-- params: none
-- purpose: Write the staged rows (search_index_put) into the search index, set-based: unindex the stored `search` of rows that change or go, delete the rows that go, upsert the rest, index the new and changed `search` values, empty the stage.
UPDATE incoming SET fresh = 1
WHERE search IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM node AS n WHERE n.key = incoming.key AND n.search = incoming.search);
INSERT INTO node_text (node_text, rowid, search)
SELECT 'delete', n.id, n.search FROM incoming AS i JOIN node AS n ON n.key = i.key
WHERE i.search IS NULL OR i.fresh;
DELETE FROM node WHERE key IN (SELECT key FROM incoming WHERE search IS NULL);
INSERT INTO node (key, kind, name, year, search)
SELECT key, kind, name, year, search FROM incoming WHERE search IS NOT NULL
ON CONFLICT (key) DO UPDATE SET
    kind = excluded.kind, name = excluded.name, year = excluded.year, search = excluded.search;
INSERT INTO node_text (rowid, search)
SELECT n.id, n.search FROM incoming AS i JOIN node AS n ON n.key = i.key WHERE i.fresh;
DELETE FROM incoming;
