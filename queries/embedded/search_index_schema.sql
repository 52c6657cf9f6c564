-- name: search_index_schema
-- params: none
-- purpose: The embedded store's search index (a SQLite file beside the database): one row per Person/Film with a `search` value, a trigram full-text index over `search` (external content: it stores only the index; search_index_apply keeps it in step, not triggers, which cost 10x more per row), and a meta table (format, state).
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE node (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT,
    year INTEGER,
    search TEXT NOT NULL
);
CREATE VIRTUAL TABLE node_text USING fts5(
    search, content = 'node', content_rowid = 'id', tokenize = 'trigram'
);
