"""The schema.org JSON-LD loader: files, @graph, HTML pages, reviews, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from graph.errors import BadInputError
from graph.model import ActedIn, Directed, Edge, Film, Node, Person, Review, Reviews, Wrote
from graph.stores.embedded import EmbeddedStore
from loaders.jsonld import read_jsonld

MOVIE = {
    "@context": "https://schema.org",
    "@type": "Movie",
    "name": "A Test Film",
    "alternateName": ["Ein Testfilm"],
    "datePublished": "2003-05-07",
    "sameAs": [
        "https://www.imdb.com/title/tt0000042/",
        "https://www.wikidata.org/wiki/Q424242",
        "https://www.themoviedb.org/movie/4242-a-test-film",
    ],
    "actor": [
        {"@type": "Person", "name": "Ann Actor", "url": "https://www.imdb.com/name/nm0000042/"},
        {
            "@type": "PerformanceRole",
            "characterName": "The Twin",
            "actor": {"@type": "Person", "name": "Ben Actor"},
        },
    ],
    "director": {
        "@type": "Person",
        "name": "Dee Director",
        "sameAs": "https://www.themoviedb.org/person/77",
    },
    "author": [
        {"@type": "Person", "name": "Wri Ter"},
        {"@type": "Organization", "name": "A Studio"},
    ],
}


def collect(*paths: Path) -> tuple[list[Node | Edge], list[BadInputError]]:
    errors: list[BadInputError] = []
    return list(read_jsonld(list(paths), on_error=errors.append)), errors


def test_movie_with_people(tmp_path: Path) -> None:
    path = tmp_path / "film.jsonld"
    path.write_text(json.dumps(MOVIE), encoding="utf-8")
    records, errors = collect(path)
    assert errors == []
    film = next(r for r in records if isinstance(r, Film))
    assert (film.title, film.year, film.imdb, film.qid, film.tmdb, film.aliases) == (
        "A Test Film",
        2003,
        "tt0000042",
        "Q424242",
        4242,
        ["Ein Testfilm"],
    )
    people = {r.name: r for r in records if isinstance(r, Person)}
    assert sorted(people) == [
        "Ann Actor",
        "Ben Actor",
        "Dee Director",
        "Wri Ter",
    ]  # no Organization
    assert people["Ann Actor"].imdb == "nm0000042" and people["Dee Director"].tmdb == 77
    acted = [r for r in records if isinstance(r, ActedIn)]
    assert [(a.from_key, a.roles) for a in acted] == [
        ("person:imdb:nm0000042", []),
        ("person:name:ben-actor", ["The Twin"]),
    ]
    assert all(a.to_key == "film:imdb:tt0000042" for a in acted)
    assert sum(isinstance(r, Directed) for r in records) == 1
    assert sum(isinstance(r, Wrote) for r in records) == 1


def test_graph_list_and_review(tmp_path: Path) -> None:
    review = {
        "@type": "Review",
        "url": "https://reviews.example/test-film",
        "reviewBody": "Fine.",
        "inLanguage": "en-GB",
        "author": {"@type": "Person", "name": "Cri Tic"},
        "itemReviewed": {"@type": "Movie", "name": "A Test Film", "sameAs": MOVIE["sameAs"]},
    }
    path = tmp_path / "graph.json"
    path.write_text(json.dumps({"@context": "https://schema.org", "@graph": [MOVIE, review]}))
    records, errors = collect(path)
    assert errors == []
    rev = next(r for r in records if isinstance(r, Review))
    assert (rev.source, rev.language, rev.author, rev.text) == (
        "https://reviews.example/test-film",
        "en",
        "Cri Tic",
        "Fine.",
    )
    link = next(r for r in records if isinstance(r, Reviews))
    assert (link.from_key, link.to_key) == (rev.key, "film:imdb:tt0000042")


def test_html_page_blocks(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>x</title>\n"
        '<script type="application/ld+json">{"@type": "BreadcrumbList"}</script>\n'
        '<script type="application/ld+json">\n' + json.dumps(MOVIE) + "\n</script>\n"
        '<script type="application/ld+json">\n{"@type": "Movie", "name": \n</script>\n'
        '<script>var x = "<b>";</script></head><body></body></html>\n',
        encoding="utf-8",
    )
    records, errors = collect(page)
    assert sum(isinstance(r, Film) for r in records) == 1
    # The block opens on line 6; the JSON ends too early, at line 8.
    assert len(errors) == 1 and errors[0].line == 8 and "invalid JSON-LD" in errors[0].reason


def test_bad_documents(tmp_path: Path) -> None:
    (tmp_path / "broken.jsonld").write_text('{"@type": "Movie",\n "name": }', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"@type": "Organization", "name": "X"}')
    (tmp_path / "noname.jsonld").write_text('[{"@type": "Movie"}, {"@type": "Review"}]')
    records, errors = collect(tmp_path)
    assert records == []
    found = sorted((Path(str(e.path)).name, e.line, e.field) for e in errors)
    assert found == [
        ("broken.jsonld", 2, None),
        ("noname.jsonld", None, "itemReviewed"),
        ("noname.jsonld", None, "name"),
        ("other.json", None, "@type"),
    ]


def test_jsonld_merges_with_ids_in_store(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    path = tmp_path / "film.jsonld"
    path.write_text(json.dumps(MOVIE), encoding="utf-8")
    embedded_store.write(read_jsonld([path]))
    embedded_store.write([Film(title="A Test Film", tmdb=4242, sources=["tmdb:movies"])])
    assert embedded_store.stats()["nodes"]["Film"] == 1


def test_person_alternate_names_are_aliases(tmp_path: Path) -> None:
    movie = {
        "@type": "Movie",
        "name": "A Test Film",
        "actor": {"@type": "Person", "name": "Ann Actor", "alternateName": ["Ann A.", "安"]},
        "director": {"@type": "Person", "name": "Dee Director", "alternateName": "D. Director"},
    }
    path = tmp_path / "film.jsonld"
    path.write_text(json.dumps(movie), encoding="utf-8")
    records, errors = collect(path)
    assert errors == []
    aliases = {r.name: r.aliases for r in records if isinstance(r, Person)}
    assert aliases == {"Ann Actor": ["Ann A.", "安"], "Dee Director": ["D. Director"]}
