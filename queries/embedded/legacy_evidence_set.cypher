// name: legacy_evidence_set
// params: batch (Arrow table with columns f, t, e)
// template: rel, from, to
// purpose: Store the converted evidence value e on the relationship from key f to key t (the one-time conversion of an older store's ev_* lists; graph/evidence.py).
LOAD FROM $batch
MATCH (a:{{from}})
WHERE a.key = f
MATCH (a)-[r:{{rel}}]->(b:{{to}})
WHERE b.key = t
SET r.evidence = e
