-- name: search_index_put
-- params: key, kind, name, year, search
-- purpose: Stage one node's row for the search index (search NULL: remove the node); search_index_apply writes the staged rows.
INSERT INTO incoming (key, kind, name, year, search) VALUES (?, ?, ?, ?, ?)
