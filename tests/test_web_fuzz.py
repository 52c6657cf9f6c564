"""The OpenAPI document of `reelgraph serve`, fuzzed with schemathesis: no 5xx answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.schemas import APIOperation, BaseSchema
from web_data import filled_store

from graph.stores.embedded import EmbeddedStore
from graph.web.app import create_app


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseSchema]:
    store = EmbeddedStore(filled_store(tmp_path_factory.mktemp("web-fuzz")), read_only=True)
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store))
    store.close()


def _operations(schema: BaseSchema) -> list[APIOperation]:
    # Driven through hypothesis directly: schemathesis' pytest plugin does not load
    # under this pytest version.
    return [result.ok() for result in schema.get_all_operations()]


def test_every_api_operation_is_fuzzed(web_schema: BaseSchema) -> None:
    paths = sorted(op.path for op in _operations(web_schema))
    assert paths == ["/api/film/{film_id}", "/api/person/{person_id}", "/api/search"]


def test_no_server_errors(web_schema: BaseSchema) -> None:
    for operation in _operations(web_schema):

        @given(case=operation.as_strategy())
        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        def answers_without_5xx(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.path, case.path_parameters, case.query)

        answers_without_5xx()
