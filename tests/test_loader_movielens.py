"""The MovieLens loader: titles, ids, the join of movies.csv with links.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import BadInputError
from graph.model import Film
from loaders.movielens import read_movielens, split_title


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Matrix, The (1999)", ("The Matrix", 1999, ["Matrix, The"])),
        ("Toy Story (1995)", ("Toy Story", 1995, [])),
        ("Babylon 5", ("Babylon 5", None, [])),
        ("Stranger Things (2016-)", ("Stranger Things", 2016, [])),
        (
            "City of Lost Children, The (Cité des enfants perdus, La) (1995)",
            (
                "The City of Lost Children",
                1995,
                [
                    "City of Lost Children, The (Cité des enfants perdus, La)",
                    "La Cité des enfants perdus",
                ],
            ),
        ),
        ("Seven (a.k.a. Se7en) (1995)", ("Seven", 1995, ["Seven (a.k.a. Se7en)", "Se7en"])),
    ],
)
def test_split_title(raw: str, expected: tuple[str, int | None, list[str]]) -> None:
    assert split_title(raw) == expected


def write(directory: Path, movies: str, links: str | None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "movies.csv").write_text("movieId,title,genres\n" + movies, encoding="utf-8")
    if links is not None:
        (directory / "links.csv").write_text("movieId,imdbId,tmdbId\n" + links, encoding="utf-8")
    return directory


def collect(directory: Path) -> tuple[list[Film], list[BadInputError]]:
    errors: list[BadInputError] = []
    return list(read_movielens(directory, on_error=errors.append)), errors


def test_ids_are_joined_and_padded(tmp_path: Path) -> None:
    directory = write(
        tmp_path / "ml",
        '1,"Matrix, The (1999)",Action\n2,Film Two (2001),Drama\n3,No Links (2002),Drama\n',
        "1,0133093,603\n2,12345,\n",
    )
    films, errors = collect(directory)
    assert errors == []
    assert [(f.title, f.imdb, f.tmdb, f.key) for f in films] == [
        ("The Matrix", "tt0133093", 603, "film:imdb:tt0133093"),
        ("Film Two", "tt0012345", None, "film:imdb:tt0012345"),
        ("No Links", None, None, "film:title:no-links:2002"),
    ]


def test_out_of_order_and_orphan_links_are_rejected(tmp_path: Path) -> None:
    directory = write(
        tmp_path / "ml",
        "2,Two (2001),Drama\n1,One (2000),Drama\n4,Four (2004),Drama\n",
        "2,0000002,2\n3,0000003,3\n4,00x,4\n",
    )
    films, errors = collect(directory)
    assert [(Path(str(e.path)).name, e.line) for e in errors] == [
        ("movies.csv", 3),
        ("links.csv", 3),
        ("links.csv", 4),
    ]
    assert [(f.title, f.tmdb) for f in films] == [("Two", 2), ("Four", 4)]


def test_wrong_file_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "ml"
    directory.mkdir()
    (directory / "movies.csv").write_text("userId,movieId,rating,timestamp\n1,1,4.0,9\n")
    with pytest.raises(BadInputError, match="not a MovieLens movies file"):
        list(read_movielens(directory))
    with pytest.raises(BadInputError, match=r"no movies\.csv"):
        list(read_movielens(tmp_path))


def test_real_sample(shared_data: Path) -> None:
    films, errors = collect(shared_data / "movielens" / "ml-latest-small")
    assert errors == []
    assert len(films) == 9742
    assert all(f.imdb is not None and len(f.imdb) >= 9 for f in films)
    assert sum(f.tmdb is not None for f in films) == 9742 - 8  # 8 links have no tmdbId
    toy = films[0]
    assert (toy.title, toy.year, toy.imdb, toy.tmdb) == ("Toy Story", 1995, "tt0114709", 862)
