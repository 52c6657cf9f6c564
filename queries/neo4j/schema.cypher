// name: schema
// params: none
// purpose: Uniqueness constraints on node keys and indexes on external ids; idempotent. The last two are for what the store derives from the graph (graph.precompute), outside the model.
CREATE CONSTRAINT film_key IF NOT EXISTS FOR (n:Film) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT review_key IF NOT EXISTS FOR (n:Review) REQUIRE n.key IS UNIQUE;
CREATE INDEX film_imdb IF NOT EXISTS FOR (n:Film) ON (n.imdb);
CREATE INDEX film_qid IF NOT EXISTS FOR (n:Film) ON (n.qid);
CREATE INDEX film_tmdb IF NOT EXISTS FOR (n:Film) ON (n.tmdb);
CREATE INDEX person_imdb IF NOT EXISTS FOR (n:Person) ON (n.imdb);
CREATE INDEX person_qid IF NOT EXISTS FOR (n:Person) ON (n.qid);
CREATE INDEX person_tmdb IF NOT EXISTS FOR (n:Person) ON (n.tmdb);
CREATE TEXT INDEX film_search IF NOT EXISTS FOR (n:Film) ON (n.search);
CREATE TEXT INDEX person_search IF NOT EXISTS FOR (n:Person) ON (n.search);
CREATE CONSTRAINT graph_state_key IF NOT EXISTS FOR (n:GraphState) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT related_cache_person IF NOT EXISTS FOR (n:RelatedCache) REQUIRE n.person IS UNIQUE;
