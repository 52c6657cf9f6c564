// name: related_cache_current
// params: generation, top
// purpose: The people whose precomputed related people are current: computed at graph generation `generation` for at least `top` people (a refresh skips them).
MATCH (c:RelatedCache)
WHERE c.generation = $generation AND c.top >= $top
RETURN c.person AS person
