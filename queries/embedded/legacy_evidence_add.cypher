// name: legacy_evidence_add
// params: none
// template: rel
// purpose: Give a relationship table of an older store the evidence column, before its ev_* lists are converted into it; idempotent.
ALTER TABLE {{rel}} ADD IF NOT EXISTS evidence STRING
