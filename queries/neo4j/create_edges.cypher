// name: create_edges
// params: rows
// template: rel, from, to
// purpose: Create relationships that the same transaction found missing (no MERGE: its existence check per row is most of a first load's cost); both ends exist.
UNWIND $rows AS row
MATCH (a:{{from}} {key: row.from})
MATCH (b:{{to}} {key: row.to})
CREATE (a)-[r:{{rel}}]->(b)
SET r = row.props
