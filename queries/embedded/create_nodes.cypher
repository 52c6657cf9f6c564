// name: create_nodes
// params: batch (Arrow table, columns in schema order)
// template: label
// purpose: Bulk-insert new nodes; COPY is the embedded engine's fast path.
COPY {{label}} FROM $batch
