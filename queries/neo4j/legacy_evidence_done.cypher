// name: legacy_evidence_done
// params: none
// purpose: Record that no ev_* lists are left (kept beside the model, like the graph's generation), so that later opens skip the scan: Neo4j keeps a property name once used.
MERGE (s:GraphState {key: 'evidence'})
SET s.format = 'one value'
