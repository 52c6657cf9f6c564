// name: create_edges
// params: batch (Arrow table: from key, to key, then properties in schema order)
// template: rel, from, to
// purpose: Bulk-insert new relationships between existing nodes.
COPY {{rel}} FROM $batch (from='{{from}}', to='{{to}}')
