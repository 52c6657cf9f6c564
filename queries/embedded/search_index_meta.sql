-- name: search_index_meta
-- params: none
-- purpose: The search index's format version and state ('clean' or 'pending'), as (name, value) rows.
SELECT name, value FROM meta
