// name: legacy_evidence_columns
// params: none
// template: rel
// purpose: The property names of one relationship table: a store written before an edge's evidence became one value (graph/evidence.py) has ev_source and the other ev_* lists instead of evidence, and is converted once when opened for writing.
CALL table_info('{{rel}}') RETURN name
