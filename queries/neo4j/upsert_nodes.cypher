// name: upsert_nodes
// params: rows
// template: label
// purpose: Create or overwrite nodes with fully merged property rows (merging happens before, in graph/merge.py).
UNWIND $rows AS row
MERGE (n:{{label}} {key: row.key})
SET n += row
