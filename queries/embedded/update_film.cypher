// name: update_film
// params: batch (Arrow table, Film columns in schema order)
// purpose: Overwrite changed Film nodes with merged rows.
LOAD FROM $batch
MATCH (n:Film {key: key})
SET n.title = title, n.original_title = original_title, n.year = year,
    n.title_type = title_type, n.aliases = aliases, n.imdb = imdb, n.qid = qid,
    n.tmdb = tmdb, n.link_score = link_score, n.link_reason = link_reason,
    n.sources = sources, n.search = search
