// name: related_cache_state
// params: none
// purpose: How many people have precomputed related people (`cached`), and how many of those were computed at the current graph generation (`current`): `reelgraph serve` warns when some are out of date.
MATCH (c:RelatedCache)
OPTIONAL MATCH (s:GraphState {key: 'graph'})
WITH c, coalesce(s.generation, 0) AS generation
RETURN count(c) AS cached, count(CASE WHEN c.generation = generation THEN 1 END) AS current
