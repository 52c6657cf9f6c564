// name: related_candidates
// params: person, limit
// purpose: Who can be among the `limit` people most related to a person (by key), as opaque node handles for co_credits_among: everyone whose film score (the related_people formula) is at or above the limit-th best, ties included, and everyone co-mentioned with the person in a review (one row per review: a person may come more than once). graph.pages.related_people scores their co-credits in Python and cuts by (score, key). For people with many films (1,700 films, 27,000 co-credits: ~30 ms where reading co-workers' keys as the one-statement related_people does costs ~110 ms). The handle is the node's internal offset: LadybugDB reads every property a later clause names for every row, and a node carried through WITH brings all its properties, so no property of a co-worker is read here.
MATCH (p:Person {key: $person})-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH max(g.year) AS latest
MATCH (p:Person {key: $person})-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WITH offset(id(p)) AS me, f, label(r1) AS mine,
     CASE WHEN f.year IS NULL THEN 0.5 ELSE 1.0 / (1.0 + (latest - f.year) / 10.0) END AS recency
// Each film's four possible pair weights, once per credit of the person; each co-credit
// picks one by its type (see related_people).
WITH me, f,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine IN ['DIRECTED', 'WROTE'] THEN 1.5 ELSE 1.0 END, 4) AS with_actor,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine = 'PRODUCED' THEN 1.0 ELSE 1.5 END, 4) AS with_writer_director,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 ELSE 1.0 END, 4) AS with_producer,
     round(recency * 0.5, 4) AS with_crew
// OPTIONAL MATCH expands from the bound film; a MATCH is planned as a scan of every credit.
OPTIONAL MATCH (f)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WITH me, offset(id(o)) AS other, CASE label(r2)
       WHEN 'ACTED_IN' THEN with_actor
       WHEN 'PRODUCED' THEN with_producer
       WHEN 'CREDITED' THEN with_crew
       ELSE with_writer_director END AS weight
WHERE other IS NOT NULL AND other <> me
WITH other, round(sum(weight), 4) AS film_score
WITH collect(other) AS others, collect(film_score) AS scores
WITH others, scores,
     CASE WHEN size(scores) > $limit THEN list_sort(scores, 'DESC')[$limit] ELSE -1.0 END AS cut
UNWIND range(1, size(others)) AS i
WITH cut, others[i] AS other, scores[i] AS film_score
WHERE film_score >= cut
RETURN other
UNION ALL
MATCH (p:Person {key: $person})<-[:MENTIONS]-(:Review)-[:MENTIONS]->(o:Person)
WITH offset(id(p)) AS me, offset(id(o)) AS other
WHERE other <> me
RETURN other
