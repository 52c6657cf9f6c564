// name: bulk_copy_edges
// params: none (run with the bulk load's staging directory as the working directory)
// template: rel, from, to
// purpose: A bulk first load (graph/stores/embedded_bulk.py): COPY every relationship of a type between two labels from the final Parquet file the staging step wrote, `<rel>_<from>_<to>.parquet` (from key, to key, then properties in schema order).
COPY {{rel}} FROM '{{rel}}_{{from}}_{{to}}.parquet' (from='{{from}}', to='{{to}}')
