// name: edges_between
// params: pairs
// template: rel, from, to
// purpose: The stored properties of the relationships between these (from key, to key) pairs.
UNWIND $pairs AS p
MATCH (a:{{from}} {key: p[0]})-[r:{{rel}}]->(b:{{to}} {key: p[1]})
RETURN a.key AS from, b.key AS to, properties(r) AS props
