// name: related_people
// params: person, limit
// purpose: The people most strongly connected to a person, with reasons. Rows with part=films: the top `limit` by film score, with the shared films; rows with part=reviews: everyone co-mentioned with the person in a review, with those reviews and their film score too. graph.pages.related_people adds the parts: score = film_score + 0.5 per co-mentioning review. Film score: for every pair of credits (the person's, theirs) on a shared film, kind weight x recency, where kind weight is 1.5 for actor-director, director-director, director-writer, writer-writer; 1.0 for actor-actor and any pairing with PRODUCED; 0.5 with any CREDITED; recency = 1 / (1 + (latest year of the person's films - film year) / 10), 0.5 for undated films. Scores rounded to 4 places. Same answer as the Neo4j variant (tests check), written for LadybugDB's planner: scores first, reasons only for the top `limit`; the top `limit` cut without LIMIT $limit (a LIMIT parameter makes LadybugDB re-plan the whole statement on every run, about 20 ms here) and without list lambdas (list_filter/list_transform give wrong answers on lists over 2,048 items in LadybugDB 0.22).
MATCH (p:Person {key: $person})-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH max(g.year) AS latest
// Phase 1: a score per co-credited person; numbers only (reading roles and titles here was
// most of the time for prolific people). OPTIONAL MATCH expands from the bound film; a
// MATCH would be planned as a scan of every credit joined back.
// The kind weight of a pair depends on their credit only once mine is known, so each
// film's four possible weights are computed once per credit of the person (1,700 rows for
// a prolific person) and each co-credit (27,000) only picks one: 40% less time than
// weighing every pair from both labels.
MATCH (p:Person {key: $person})-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)
WITH latest, f, label(r1) AS mine,
     CASE WHEN f.year IS NULL THEN 0.5 ELSE 1.0 / (1.0 + (latest - f.year) / 10.0) END AS recency
WITH latest, f,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine IN ['DIRECTED', 'WROTE'] THEN 1.5 ELSE 1.0 END, 4) AS with_actor,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 WHEN mine = 'PRODUCED' THEN 1.0 ELSE 1.5 END, 4) AS with_writer_director,
     round(recency * CASE WHEN mine = 'CREDITED' THEN 0.5 ELSE 1.0 END, 4) AS with_producer,
     round(recency * 0.5, 4) AS with_crew
OPTIONAL MATCH (f)<-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(o:Person)
WHERE o.key <> $person
WITH latest, o.key AS other, CASE label(r2)
       WHEN 'ACTED_IN' THEN with_actor
       WHEN 'PRODUCED' THEN with_producer
       WHEN 'CREDITED' THEN with_crew
       ELSE with_writer_director END AS weight
WHERE other IS NOT NULL
WITH latest, other, round(sum(weight), 4) AS film_score
// The top `limit` by (film_score DESC, key): `cut` is the limit-th best score; everyone
// above it is in, and of those tied at it, the first by key until `limit` are.
WITH latest, collect({other: other, score: film_score}) AS cands, collect(film_score) AS scores
WITH latest, cands,
     CASE WHEN size(scores) > $limit THEN list_sort(scores, 'DESC')[$limit] ELSE -1.0 END AS cut
UNWIND cands AS c
WITH latest, cut, c, c.score > cut AS clear
WHERE c.score >= cut
WITH latest, cut, collect(c) AS top, count(CASE WHEN clear THEN 1 END) AS above,
     collect(CASE WHEN clear THEN null ELSE c.other END) AS tied
WITH latest, top, cut,
     CASE WHEN size(tied) > $limit - above THEN list_sort(tied)[$limit - above] END AS last_tied
UNWIND top AS c
WITH latest, c, cut, last_tied
WHERE c.score > cut OR last_tied IS NULL OR c.other <= last_tied
WITH latest, c.other AS other, c.score AS film_score
// Phase 2: the shared films (the reasons) of the chosen few only, expanded from them.
MATCH (o:Person {key: other})
OPTIONAL MATCH (o)-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)<-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(p:Person {key: $person})
WITH o, film_score, f, label(r1) AS mine, label(r2) AS theirs, r2.roles AS roles,
     CASE WHEN f.year IS NULL THEN 0.5 ELSE 1.0 / (1.0 + (latest - f.year) / 10.0) END AS recency
WITH o, film_score, f, mine, theirs, roles,
     round(recency * CASE
       WHEN mine = 'CREDITED' OR theirs = 'CREDITED' THEN 0.5
       WHEN mine = 'ACTED_IN' AND theirs = 'ACTED_IN' THEN 1.0
       WHEN mine IN ['ACTED_IN', 'DIRECTED', 'WROTE'] AND theirs IN ['DIRECTED', 'WROTE'] THEN 1.5
       WHEN mine IN ['DIRECTED', 'WROTE'] AND theirs = 'ACTED_IN' THEN 1.5
       ELSE 1.0 END, 4) AS weight
WITH o, film_score,
     collect({film: f.key, title: f.title, year: f.year, credit: mine, their_credit: theirs, roles: roles, weight: weight}) AS films,
     // Always empty: a typed empty list, as LadybugDB's UNION needs the same column types.
     collect(CASE WHEN f IS NULL THEN {review: f.key, source: f.title} ELSE null END) AS reviews
RETURN 'films' AS part, o.key AS person, o.name AS name, film_score, films, reviews
ORDER BY film_score DESC, person
UNION ALL
// Reviews first: most people are in none, and then nothing else runs (this part cost
// 5 ms per call with the person's films read first).
MATCH (p:Person {key: $person})<-[:MENTIONS]-(rv:Review)
WITH rv
OPTIONAL MATCH (rv)-[:MENTIONS]->(o:Person)
WHERE o.key <> $person
WITH o, collect({review: rv.key, source: rv.source}) AS reviews
WHERE o IS NOT NULL
MATCH (p:Person {key: $person})
OPTIONAL MATCH (p)-[:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(g:Film)
WITH o, reviews, max(g.year) AS latest
OPTIONAL MATCH (o)-[r2:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]->(f:Film)<-[r1:ACTED_IN|DIRECTED|WROTE|PRODUCED|CREDITED]-(p:Person {key: $person})
WITH o, reviews, f, label(r1) AS mine, label(r2) AS theirs, r2.roles AS roles,
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
