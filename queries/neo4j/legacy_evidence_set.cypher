// name: legacy_evidence_set
// params: rows (list of {id, evidence})
// purpose: Store each converted evidence value on its relationship and remove the ev_* lists it came from (the one-time conversion of an older reelgraph's evidence; graph/evidence.py).
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.id
SET r.evidence = row.evidence
REMOVE r.ev_source, r.ev_start, r.ev_end, r.ev_text, r.ev_extractor, r.ev_confidence
