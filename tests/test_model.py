"""Records: closed models, derived keys, endpoint checks, the merge policy."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from graph import evidence, keys, merge, schema
from graph.model import ActedIn, Film, Mentions, Person, Review, parse_record

S = ["test"]


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"title": "X", "imdb": "tt0133093", "qid": "Q1", "tmdb": 603}, "film:imdb:tt0133093"),
        ({"title": "X", "qid": "Q83495", "tmdb": 603}, "film:wd:Q83495"),
        ({"title": "X", "tmdb": 603}, "film:tmdb:603"),
        ({"title": "Été à Séoul", "year": 2001}, "film:title:ete-a-seoul:2001"),
        ({"title": "Été à Séoul"}, "film:title:ete-a-seoul"),
    ],
)
def test_film_keys_follow_the_id_priority(fields: dict[str, object], key: str) -> None:
    assert Film(sources=S, **fields).key == key  # type: ignore[arg-type]


def test_name_variants_share_a_key() -> None:
    variants = ["Jeon Jong-seo", "Jeon Jong Seo", "jeon  jong-seo", "JEON JONG SEO"]
    assert {Person(name=n, sources=S).key for n in variants} == {"person:name:jeon-jong-seo"}


def test_review_key_comes_from_its_source() -> None:
    one = Review(source="a/b.txt", sources=S)
    assert one.key == Review(source="a/b.txt", sources=["other"]).key
    assert one.key != Review(source="a/c.txt", sources=S).key
    assert keys.kind_of(one.key) == "Review"


def test_keys_map_back_to_their_id() -> None:
    assert keys.id_of("film:imdb:tt0133093") == ("imdb", "tt0133093")
    assert keys.id_of("person:tmdb:6384") == ("tmdb", 6384)
    assert keys.id_of("film:title:x") is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"type": "Film", "title": "X", "studio": "Y"}, "studio"),
        ({"type": "Film", "title": "X", "year": "soon"}, "year"),
        ({"type": "Film", "title": "X", "imdb": "nm0000001"}, "imdb"),
        ({"type": "Person", "name": "X", "qid": "P31"}, "qid"),
        ({"type": "Film", "title": ""}, "title"),
        ({"type": "Film", "title": "X", "sources": []}, "sources"),
        ({"type": "Film", "title": "X", "key": "person:name:x"}, None),
    ],
)
def test_models_are_closed_and_typed(data: dict[str, object], field: str | None) -> None:
    data.setdefault("sources", S)
    with pytest.raises(ValidationError) as info:
        parse_record(data)
    if field:
        assert field in {str(p) for e in info.value.errors() for p in e["loc"]}


def test_edges_check_their_endpoint_kinds() -> None:
    ok = ActedIn.model_validate({"from": "person:x:1", "to": "film:x:1", "sources": S})
    assert (ok.from_kind, ok.to_kind) == ("Person", "Film")
    with pytest.raises(ValidationError, match="ACTED_IN goes Person -> Film, not Film -> Film"):
        ActedIn.model_validate({"from": "film:x:1", "to": "film:x:2", "sources": S})
    with pytest.raises(ValidationError, match="not Person -> \\?"):
        ActedIn.model_validate({"from": "person:x:1", "to": "studio:x", "sources": S})


def test_mentions_need_evidence_in_order() -> None:
    base = {"from": "review:1", "to": "film:x:1", "sources": S}
    with pytest.raises(ValidationError, match="at least 1 item"):
        Mentions.model_validate({**base, "evidence": []})
    span = {"source": "review:1", "start": 5, "end": 5, "text": "x", "extractor": "t",
            "confidence": 1}  # fmt: skip
    with pytest.raises(ValidationError, match="end \\(5\\) must be after start \\(5\\)"):
        Mentions.model_validate({**base, "evidence": [span]})


def test_edge_rows_encode_evidence_and_derive_confidence() -> None:
    spans = [
        {"source": "review:1", "start": 0, "end": 2, "text": "ab", "extractor": "t",
         "confidence": 0.4},
        {"source": "review:1", "start": 5, "end": 7, "text": "cd", "extractor": "t",
         "confidence": 0.8},
    ]  # fmt: skip
    row = Mentions.model_validate(
        {"from": "review:1", "to": "film:x:1", "sources": S, "evidence": spans}
    ).row()
    assert row["evidence"] == (
        '[{"source":"review:1","start":0,"end":2,"text":"ab","extractor":"t","confidence":0.4},'
        '{"source":"review:1","start":5,"end":7,"text":"cd","extractor":"t","confidence":0.8}]'
    )
    assert row["confidence"] == 0.8
    assert list(row) == list(schema.prop_names(schema.RELS["MENTIONS"].props))


def test_evidence_spans_unite_stored_first_and_a_re_load_changes_nothing() -> None:
    props = schema.RELS["MENTIONS"].props
    one = ("review:1", 0, 6, "Jeon „Ö“", "t/1", 0.5)  # non-ASCII text kept as is
    two = ("review:1", 9, 11, "ab", "t/1", 0.9)
    stored = merge.complete(props, {"sources": ["x"], "evidence": evidence.encode([one])})
    incoming = merge.complete(props, {"sources": ["x"], "evidence": evidence.encode([two, one])})
    out = merge.merge(props, stored, incoming)
    assert evidence.decode(out["evidence"]) == [one, two]
    assert merge.merge(props, out, incoming) == out
    assert merge.merge(props, out, out)["evidence"] is out["evidence"]  # same string: no update
    assert "„Ö“" in out["evidence"]
    empty = merge.complete(props, {"sources": ["x"]})
    assert empty["evidence"] is None
    assert merge.merge(props, empty, empty)["evidence"] is None
    assert merge.merge(props, empty, stored)["evidence"] == stored["evidence"]


def test_evidence_encoding_is_exactly_compact_json() -> None:
    texts = ['say "hi"', "back\\slash", "line\nbreak\ttab\x00\x1f", "„Ö“ é 😀", "</script>"]
    spans = [
        (f"review:{i}", i, i + 1, t, "x/1", c)
        for i, (t, c) in enumerate(
            zip(texts, [0.1, 1.0, 0.3333333333333333, 0.0, 1e-05], strict=True)
        )
    ]
    expected = json.dumps(
        [dict(zip(evidence.FIELDS, span, strict=True)) for span in spans],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert evidence.encode(spans) == expected
    assert evidence.decode(expected) == spans
    assert evidence.encode([]) is None and evidence.decode(None) == []


def test_merge_rules() -> None:
    props = schema.RELS["ACTED_IN"].props
    a = merge.complete(props, {"roles": ["A"], "ordering": 3, "confidence": 0.2, "sources": ["x"]})
    b = merge.complete(props, {"roles": ["B", "A"], "ordering": 1, "sources": ["y", "x"]})
    out = merge.merge(props, a, b)
    assert out["roles"] == ["A", "B"]
    assert out["ordering"] == 1
    assert out["confidence"] == 0.2
    assert out["sources"] == ["x", "y"]
    assert merge.merge(props, out, b) == out  # merging again changes nothing
