// name: film_card
// params: film
// purpose: One film (by key) with titles and ids: the head of a film page.
MATCH (f:Film {key: $film})
RETURN f.key AS key, f.title AS title, f.original_title AS original_title, f.year AS year,
       f.aliases AS aliases, f.imdb AS imdb, f.qid AS qid, f.tmdb AS tmdb
