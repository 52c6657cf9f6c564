// name: graph_generation
// params: none
// purpose: How many write batches have changed the graph (graph_changed); 0 for a store never written batch by batch (a new or bulk-loaded one).
OPTIONAL MATCH (s:GraphState {key: 'graph'})
RETURN coalesce(s.generation, 0) AS generation
