// name: edges_between
// params: pairs
// template: rel, from, to
// purpose: The stored properties of the relationships between these (from key, to key) pairs, as one list of [from, to, props] (one record: the driver's per-record cost dominated).
// Both ends are found first and the subquery gets them bound, so the relationship is looked
// up with Expand(Into). Left to the planner, a plan cached while the type had no
// relationships expands every relationship of `a` and filters on b.key: quadratic in a
// prolific person's film count (a first load of 300,000 credits spent minutes here).
UNWIND $pairs AS p
MATCH (a:{{from}} {key: p[0]}), (b:{{to}} {key: p[1]})
CALL (a, b) {
    MATCH (a)-[r:{{rel}}]->(b)
    RETURN r
}
RETURN collect([a.key, b.key, properties(r)]) AS found
