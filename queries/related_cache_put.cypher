// name: related_cache_put
// params: rows (list of {person, payload}), generation, top
// purpose: Store precomputed related people (graph.precompute): for each person key, the JSON of its top `top` related people, computed at graph generation `generation`.
UNWIND $rows AS row
MERGE (c:RelatedCache {person: row.person})
SET c.generation = $generation, c.top = $top, c.payload = row.payload
