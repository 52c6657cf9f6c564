// name: schema
// params: none
// purpose: Node and relationship tables of the embedded store; idempotent. The model's tables must match graph/schema.py (tests/test_queries.py checks); GraphState and RelatedCache hold what the store derives from the graph (graph.precompute), outside the model.
CREATE NODE TABLE IF NOT EXISTS Film(
    key STRING,
    title STRING,
    original_title STRING,
    year INT64,
    title_type STRING,
    aliases STRING[],
    imdb STRING,
    qid STRING,
    tmdb INT64,
    link_score DOUBLE,
    link_reason STRING,
    sources STRING[],
    search STRING,
    PRIMARY KEY (key)
);
CREATE NODE TABLE IF NOT EXISTS Person(
    key STRING,
    name STRING,
    aliases STRING[],
    birth_year INT64,
    imdb STRING,
    qid STRING,
    tmdb INT64,
    link_score DOUBLE,
    link_reason STRING,
    sources STRING[],
    search STRING,
    PRIMARY KEY (key)
);
CREATE NODE TABLE IF NOT EXISTS Review(
    key STRING,
    source STRING,
    language STRING,
    author STRING,
    date STRING,
    text STRING,
    sources STRING[],
    PRIMARY KEY (key)
);
CREATE REL TABLE IF NOT EXISTS ACTED_IN(
    FROM Person TO Film,
    roles STRING[],
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    evidence STRING
);
CREATE REL TABLE IF NOT EXISTS DIRECTED(
    FROM Person TO Film,
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    evidence STRING
);
CREATE REL TABLE IF NOT EXISTS WROTE(
    FROM Person TO Film,
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    evidence STRING
);
CREATE REL TABLE IF NOT EXISTS PRODUCED(
    FROM Person TO Film,
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    evidence STRING
);
CREATE REL TABLE IF NOT EXISTS CREDITED(
    FROM Person TO Film,
    categories STRING[],
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    evidence STRING
);
CREATE REL TABLE IF NOT EXISTS MENTIONS(
    FROM Review TO Film, FROM Review TO Person,
    sources STRING[],
    confidence DOUBLE,
    evidence STRING
);
CREATE REL TABLE IF NOT EXISTS REVIEWS(
    FROM Review TO Film,
    sources STRING[],
    confidence DOUBLE,
    evidence STRING
);
CREATE NODE TABLE IF NOT EXISTS GraphState(
    key STRING,
    generation INT64,
    PRIMARY KEY (key)
);
CREATE NODE TABLE IF NOT EXISTS RelatedCache(
    person STRING,
    generation INT64,
    top INT64,
    payload STRING,
    PRIMARY KEY (person)
);
