// name: bulk_copy_nodes
// params: none (run with the bulk load's staging directory as the working directory)
// template: label
// purpose: A bulk first load (graph/stores/embedded_bulk.py): COPY every node of a label from the final Parquet file the staging step wrote, `<label>.parquet`, columns in schema order.
COPY {{label}} FROM '{{label}}.parquet'
