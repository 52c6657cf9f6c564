// name: update_person
// params: batch (Arrow table, Person columns in schema order)
// purpose: Overwrite changed Person nodes with merged rows.
LOAD FROM $batch
MATCH (n:Person {key: key})
SET n.name = name, n.aliases = aliases, n.birth_year = birth_year, n.imdb = imdb,
    n.qid = qid, n.tmdb = tmdb, n.link_score = link_score, n.link_reason = link_reason,
    n.sources = sources, n.search = search
