// name: legacy_evidence_present
// params: none
// purpose: Whether this database may still hold evidence as the six ev_* lists of an older reelgraph (graph/evidence.py): the ev_source property name exists and no conversion has been recorded. Cheap: property names and one node by key, no scan.
CALL db.propertyKeys() YIELD propertyKey
WITH collect(propertyKey) AS names
OPTIONAL MATCH (s:GraphState {key: 'evidence'})
RETURN 'ev_source' IN names AND s IS NULL AS legacy
