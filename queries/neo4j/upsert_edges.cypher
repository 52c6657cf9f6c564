// name: upsert_edges
// params: rows
// template: rel, from, to
// purpose: Create or overwrite relationships with fully merged property rows; both ends exist.
UNWIND $rows AS row
MATCH (a:{{from}} {key: row.from})
MATCH (b:{{to}} {key: row.to})
MERGE (a)-[r:{{rel}}]->(b)
SET r += row.props
