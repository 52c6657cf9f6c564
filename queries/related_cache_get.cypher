// name: related_cache_get
// params: person, limit
// purpose: A person's precomputed related people (graph.precompute): the JSON of graph.pages.related_people for the top `top` people, if computed at the current graph generation and for at least `limit` people. No row otherwise (the page computes them).
MATCH (c:RelatedCache {person: $person})
OPTIONAL MATCH (s:GraphState {key: 'graph'})
WITH c, coalesce(s.generation, 0) AS generation
WHERE c.generation = generation AND c.top >= $limit
RETURN c.payload AS payload
