// name: person_card
// params: person
// purpose: One person (by key) with names and ids: the head of a person page.
MATCH (p:Person {key: $person})
RETURN p.key AS key, p.name AS name, p.aliases AS aliases, p.birth_year AS birth_year,
       p.imdb AS imdb, p.qid AS qid, p.tmdb AS tmdb
