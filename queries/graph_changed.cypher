// name: graph_changed
// params: none
// purpose: Count one more change of the graph: every write batch that creates, updates, joins or deletes anything runs this in its own transaction. Precomputed data (graph.precompute) records the count it was computed at and is used only while the count is the same.
MERGE (s:GraphState {key: 'graph'})
ON CREATE SET s.generation = 1
ON MATCH SET s.generation = s.generation + 1
