-- name: search_index_set
-- params: name, value
-- purpose: Set one meta value of the search index (format or state).
INSERT INTO meta (name, value) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET value = excluded.value
