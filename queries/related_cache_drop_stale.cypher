// name: related_cache_drop_stale
// params: generation, top
// purpose: Delete precomputed related people that no longer count: computed at another graph generation than `generation`, or for fewer than `top` people.
MATCH (c:RelatedCache)
WHERE c.generation <> $generation OR c.top < $top
DELETE c
