// name: related_people
// params: person, limit
// purpose: The people most strongly connected to a person, with reasons. Rows with part=films: the top `limit` by film score, with the shared films; rows with part=reviews: everyone co-mentioned with the person in a review, with those reviews and their film score too. graph.pages.related_people adds the parts: score = film_score + 0.5 per co-mentioning review. Film score: for every pair of credits (the person's, theirs) on a shared film, kind weight x recency, where kind weight is 1.5 for actor-director, director-director, director-writer, writer-writer; 1.0 for actor-actor and any pairing with PRODUCED; 0.5 with any CREDITED; recency = 1 / (1 + (latest year of the person's films - film year) / 10), 0.5 for undated films. Scores rounded to 4 places. The embedded variant computes the same answer in another shape, for LadybugDB's planner (tests check they agree). Written for Neo4j's slotted runtime (Community): scores first, from numbers only (each film's weights computed once per credit of the person, then picked by the other's credit type), the top `limit` cut by score before any key is read (keys only for those at or above the limit-th score), reasons only for the chosen (at 1M nodes, 27,000 co-credits: ~55 ms against ~350 ms building every reason).
MATCH (p:Person {key: $person})-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH p, max(g.year) AS latest
MATCH (p)-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WITH p, latest, f, type(r1) AS mine,
     CASE WHEN f.year IS NULL THEN 0.5 ELSE 1.0 / (1.0 + (latest - f.year) / 10.0) END AS recency
// The kind weight of a pair depends on their credit only once mine is known (see header).
WITH p, latest, f,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine IN ['DIRECTED', 'WROTE'] THEN 1.5 ELSE 1.0 END, 4) AS with_actor,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine = 'PRODUCED' THEN 1.0 ELSE 1.5 END, 4) AS with_writer_director,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 ELSE 1.0 END, 4) AS with_producer,
     round(recency * 0.5, 4) AS with_crew
MATCH (f)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WHERE o <> p
WITH p, latest, o, round(sum(CASE type(r2)
       WHEN 'ACTED_IN' THEN with_actor
       WHEN 'PRODUCED' THEN with_producer
       WHEN 'CREDITED' THEN with_crew
       ELSE with_writer_director END), 4) AS film_score
ORDER BY film_score DESC
// `cut` is the limit-th best score: only those at or above it can be in the top `limit`,
// and only their keys are read to break ties.
WITH p, latest, collect(o) AS others, collect(film_score) AS scores
WITH p, latest, others, scores,
     CASE WHEN size(scores) > $limit THEN scores[$limit - 1] ELSE -1.0 END AS cut
UNWIND range(0, size([s IN scores WHERE s >= cut]) - 1) AS i
WITH p, latest, others[i] AS o, scores[i] AS film_score
ORDER BY film_score DESC, o.key
LIMIT $limit
// Reasons from the person's films: the chosen are often prolific themselves, and
// expanding their films instead read 25,000 credits for 20 people.
WITH p, latest, collect(o) AS top
MATCH (p)-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WHERE o IN top
WITH o, f, type(r1) AS mine, type(r2) AS theirs, r2.roles AS roles,
     CASE WHEN f.year IS NULL THEN 0.5 ELSE 1.0 / (1.0 + (latest - f.year) / 10.0) END AS recency
WITH o, f, mine, theirs, roles,
     round(recency * CASE
       WHEN mine = 'CREDITED' OR theirs = 'CREDITED' THEN 0.5
       WHEN mine = 'ACTED_IN' AND theirs = 'ACTED_IN' THEN 1.0
       WHEN mine IN ['ACTED_IN', 'DIRECTED', 'WROTE'] AND theirs IN ['DIRECTED', 'WROTE'] THEN 1.5
       WHEN mine IN ['DIRECTED', 'WROTE'] AND theirs = 'ACTED_IN' THEN 1.5
       ELSE 1.0 END, 4) AS weight
WITH o, round(sum(weight), 4) AS film_score,
     collect({film: f.key, title: f.title, year: f.year, credit: mine, their_credit: theirs, roles: roles, weight: weight}) AS films,
     // Always empty: a typed empty list, as LadybugDB's UNION needs the same column types.
     collect(CASE WHEN f IS NULL THEN {review: f.key, source: f.title} ELSE null END) AS reviews
RETURN 'films' AS part, o.key AS person, o.name AS name, film_score, films, reviews
ORDER BY film_score DESC, person
UNION ALL
MATCH (p:Person {key: $person})
OPTIONAL MATCH (p)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH p, max(g.year) AS latest
MATCH (p)<-[:MENTIONS]-(rv:Review)-[:MENTIONS]->(o:Person)
WHERE o.key <> p.key
WITH p, latest, o, collect({review: rv.key, source: rv.source}) AS reviews
OPTIONAL MATCH (p)-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o)
WITH o, reviews, f, type(r1) AS mine, type(r2) AS theirs, r2.roles AS roles,
     CASE WHEN f.year IS NULL THEN 0.5 ELSE 1.0 / (1.0 + (latest - f.year) / 10.0) END AS recency
WITH o, reviews, f, mine, theirs, roles,
     round(recency * CASE
       WHEN mine = 'CREDITED' OR theirs = 'CREDITED' THEN 0.5
       WHEN mine = 'ACTED_IN' AND theirs = 'ACTED_IN' THEN 1.0
       WHEN mine IN ['ACTED_IN', 'DIRECTED', 'WROTE'] AND theirs IN ['DIRECTED', 'WROTE'] THEN 1.5
       WHEN mine IN ['DIRECTED', 'WROTE'] AND theirs = 'ACTED_IN' THEN 1.5
       ELSE 1.0 END, 4) AS weight
WITH o, reviews,
     round(sum(CASE WHEN f IS NULL THEN 0.0 ELSE weight END), 4) AS film_score,
     collect(CASE WHEN f IS NULL THEN null ELSE {film: f.key, title: f.title, year: f.year, credit: mine, their_credit: theirs, roles: roles, weight: weight} END) AS films
RETURN 'reviews' AS part, o.key AS person, o.name AS name, film_score, films, reviews
ORDER BY person
