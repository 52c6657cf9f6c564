// name: schema
// params: none
// purpose: Node and relationship tables of the embedded store; idempotent. Must match graph/schema.py (tests/test_schema.py checks).
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
    ev_source STRING[],
    ev_start INT64[],
    ev_end INT64[],
    ev_text STRING[],
    ev_extractor STRING[],
    ev_confidence DOUBLE[]
);
CREATE REL TABLE IF NOT EXISTS DIRECTED(
    FROM Person TO Film,
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    ev_source STRING[],
    ev_start INT64[],
    ev_end INT64[],
    ev_text STRING[],
    ev_extractor STRING[],
    ev_confidence DOUBLE[]
);
CREATE REL TABLE IF NOT EXISTS WROTE(
    FROM Person TO Film,
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    ev_source STRING[],
    ev_start INT64[],
    ev_end INT64[],
    ev_text STRING[],
    ev_extractor STRING[],
    ev_confidence DOUBLE[]
);
CREATE REL TABLE IF NOT EXISTS PRODUCED(
    FROM Person TO Film,
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    ev_source STRING[],
    ev_start INT64[],
    ev_end INT64[],
    ev_text STRING[],
    ev_extractor STRING[],
    ev_confidence DOUBLE[]
);
CREATE REL TABLE IF NOT EXISTS CREDITED(
    FROM Person TO Film,
    categories STRING[],
    ordering INT64,
    jobs STRING[],
    sources STRING[],
    confidence DOUBLE,
    ev_source STRING[],
    ev_start INT64[],
    ev_end INT64[],
    ev_text STRING[],
    ev_extractor STRING[],
    ev_confidence DOUBLE[]
);
CREATE REL TABLE IF NOT EXISTS MENTIONS(
    FROM Review TO Film, FROM Review TO Person,
    sources STRING[],
    confidence DOUBLE,
    ev_source STRING[],
    ev_start INT64[],
    ev_end INT64[],
    ev_text STRING[],
    ev_extractor STRING[],
    ev_confidence DOUBLE[]
);
CREATE REL TABLE IF NOT EXISTS REVIEWS(
    FROM Review TO Film,
    sources STRING[],
    confidence DOUBLE,
    ev_source STRING[],
    ev_start INT64[],
    ev_end INT64[],
    ev_text STRING[],
    ev_extractor STRING[],
    ev_confidence DOUBLE[]
);
