// name: update_review
// params: batch (Arrow table, Review columns in schema order)
// purpose: Overwrite changed Review nodes with merged rows.
LOAD FROM $batch
MATCH (n:Review {key: key})
SET n.source = source, n.language = language, n.author = author, n.date = date,
    n.text = text, n.sources = sources
