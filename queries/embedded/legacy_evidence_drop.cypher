// name: legacy_evidence_drop
// params: none
// template: rel
// purpose: Drop an older store's ev_* lists from a relationship table once every one is converted into the evidence column; idempotent. Run last, so that a conversion cut short loses nothing and is finished by the next writable open.
ALTER TABLE {{rel}} DROP IF EXISTS ev_source;
ALTER TABLE {{rel}} DROP IF EXISTS ev_start;
ALTER TABLE {{rel}} DROP IF EXISTS ev_end;
ALTER TABLE {{rel}} DROP IF EXISTS ev_text;
ALTER TABLE {{rel}} DROP IF EXISTS ev_extractor;
ALTER TABLE {{rel}} DROP IF EXISTS ev_confidence
