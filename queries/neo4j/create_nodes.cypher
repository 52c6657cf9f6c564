// name: create_nodes
// params: rows
// template: label
// purpose: Create nodes that the same transaction found missing (CREATE skips MERGE's lookup; the key constraint still guards against duplicates).
UNWIND $rows AS row
CREATE (n:{{label}})
SET n = row
