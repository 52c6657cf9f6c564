"""The named-query loader and the query files themselves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import queries
from graph import schema
from graph.errors import QueryError, QueryNotFoundError


def test_every_query_file_has_a_complete_header() -> None:
    files = sorted(queries.ROOT.rglob("*.cypher")) + sorted(queries.ROOT.rglob("*.rq"))
    assert files
    for path in files:
        query = queries._parse(path)
        assert query.purpose, f"{path} needs a purpose line"
        assert query.text.strip()


def test_store_variant_wins_over_shared() -> None:
    assert queries.get("schema", "neo4j").path.parent.name == "neo4j"
    assert queries.get("schema", "embedded").path.parent.name == "embedded"
    assert queries.get("node_count", "neo4j").path.parent == queries.ROOT


def test_render_fills_slots_only_from_the_closed_set() -> None:
    query = queries.get("node_count")
    assert query.render(label="Film").startswith("MATCH (n:Film)")
    with pytest.raises(QueryError, match="label must be one of"):
        query.render(label="Film) DETACH DELETE (n")
    with pytest.raises(QueryError, match="takes template slots"):
        query.render()


def test_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(QueryNotFoundError, match=r"known queries: .*node_count"):
        queries.get("no_such_query")


def test_header_name_must_match_file(tmp_path: Path) -> None:
    path = tmp_path / "one.cypher"
    path.write_text("// name: other\n// purpose: x\nRETURN 1\n")
    with pytest.raises(QueryError, match="must match the file name"):
        queries._parse(path)


def test_statements_split_ddl() -> None:
    statements = queries.get("schema", "neo4j").statements()
    # 3 key constraints, 6 id indexes, 2 search text indexes, 2 keys of derived data
    assert len(statements) == 13
    assert all(s.startswith("CREATE ") for s in statements)


_TYPES = {"str": "STRING", "int": "INT64", "float": "DOUBLE"}


def _ddl_type(prop_type: str) -> str:
    return _TYPES[prop_type.removesuffix("[]")] + ("[]" if prop_type.endswith("[]") else "")


def test_embedded_ddl_matches_the_schema() -> None:
    """queries/embedded/schema.cypher is written by hand; it must equal graph/schema.py."""
    tables: dict[str, list[tuple[str, str]]] = {}
    ends: dict[str, list[tuple[str, str]]] = {}
    for statement in queries.get("schema", "embedded").statements():
        name = re.search(r"TABLE IF NOT EXISTS (\w+)\(", statement)
        assert name, statement
        body = statement[name.end() :].rsplit(")", 1)[0]
        ends[name.group(1)] = re.findall(r"FROM (\w+) TO (\w+)", body)
        tables[name.group(1)] = [
            (m.group(1), m.group(2))
            for part in body.split(",")
            if (m := re.fullmatch(r"\s*(\w+) ([A-Z0-9]+(?:\[\])?)\s*", part))
        ]
    for label, props in schema.NODE_PROPS.items():
        assert tables[label] == [(p.name, _ddl_type(p.type)) for p in props], label
    for rel, spec in schema.RELS.items():
        assert tables[rel] == [(p.name, _ddl_type(p.type)) for p in spec.props], rel
        assert tuple(ends[rel]) == spec.endpoints, rel
    model = {*schema.NODE_PROPS, *schema.RELS}
    assert set(tables) - model == set(schema.DERIVED_LABELS)


def test_embedded_update_queries_set_every_property() -> None:
    for label, props in schema.NODE_PROPS.items():
        text = queries.get(f"update_{label.lower()}", "embedded").text
        assigned = set(re.findall(r"n\.(\w+) = (\w+)", text))
        assert assigned == {(p.name, p.name) for p in props if p.name != "key"}, label
