// name: related_candidates
// params: person, limit
// purpose: Who can be among the `limit` people most related to a person (by key), as opaque node handles for co_credits_among: everyone whose film score (the related_people formula) is at or above the limit-th best, ties included, and everyone co-mentioned with the person in a review (one row per review: a person may come more than once). graph.pages.related_people scores their co-credits in Python and cuts by (score, key). The embedded store takes this path for people with many films; on Neo4j the one-statement related_people is as fast, and this variant exists so that both stores answer every query (tests compare them). The handle is elementId(o).
MATCH (p:Person {key: $person})-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH p, max(g.year) AS latest
MATCH (p)-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WITH p, f, type(r1) AS mine,
     CASE WHEN f.year IS NULL THEN 0.5 ELSE 1.0 / (1.0 + (latest - f.year) / 10.0) END AS recency
WITH p, f,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine IN ['DIRECTED', 'WROTE'] THEN 1.5 ELSE 1.0 END, 4) AS with_actor,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine = 'PRODUCED' THEN 1.0 ELSE 1.5 END, 4) AS with_writer_director,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 ELSE 1.0 END, 4) AS with_producer,
     round(recency * 0.5, 4) AS with_crew
MATCH (f)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WHERE o <> p
// Grouped by the node itself (no property read); its handle only for those kept.
WITH o, round(sum(CASE type(r2)
       WHEN 'ACTED_IN' THEN with_actor
       WHEN 'PRODUCED' THEN with_producer
       WHEN 'CREDITED' THEN with_crew
       ELSE with_writer_director END), 4) AS film_score
ORDER BY film_score DESC
WITH collect(o) AS others, collect(film_score) AS scores
WITH others, scores, CASE WHEN size(scores) > $limit THEN scores[$limit - 1] ELSE -1.0 END AS cut
UNWIND range(0, size(others) - 1) AS i
WITH cut, others[i] AS o, scores[i] AS film_score
WHERE film_score >= cut
RETURN elementId(o) AS other
UNION ALL
MATCH (p:Person {key: $person})<-[:MENTIONS]-(:Review)-[:MENTIONS]->(o:Person)
WHERE o <> p
RETURN elementId(o) AS other
