-- name: search_index_incoming
-- params: none
-- purpose: The connection's staging table for one batch of index changes, one row per key (the caller keeps the last change of each; search NULL = remove); `fresh` marks rows whose `search` must be indexed.
CREATE TEMP TABLE IF NOT EXISTS incoming (
    key TEXT NOT NULL,
    kind TEXT,
    name TEXT,
    year INTEGER,
    search TEXT,
    fresh INTEGER NOT NULL DEFAULT 0
)
