"""schemathesis against the OpenAPI document (issue 11 §6): generated requests to every operation
answer without a 5xx, within the documented status codes and response schemas. The number of
examples is kept small so that the run stays short."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
import schemathesis.specs.openapi.checks as checks
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.situation.builders import build_situation


@pytest.fixture
def api_schema() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_wsgi(
        "/api/openapi.json", get_wsgi_application(), headers={"Host": "localhost"}
    )


# Read when the test runs, not when it is collected: building the boundary and negative cases of
# every operation takes about 10 s of processor time, which collection would spend in every
# test process, not only in the one that runs the test.
schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def node_id_where_schemathesis_reads_it(request: pytest.FixtureRequest) -> None:
    """schemathesis' lazy loader names each operation's subtest through `node._nodeid`, an
    attribute pytest 9 no longer has (it fails with AttributeError without this)."""
    request.node._nodeid = request.node.nodeid


@pytest.fixture(autouse=True)
def store(db) -> None:
    build_situation()


@pytest.fixture(autouse=True)
def connection_kept_open() -> Iterator[None]:
    """Requests through the WSGI handler end with close_old_connections(), which closes a connection
    inside the test's transaction (on PostgreSQL). Django's own test client disconnects it too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_behaves_as_documented(case) -> None:
    # Every check except "a schema-valid request is accepted": some valid-looking requests are
    # refused with the documented 400 for reasons a schema cannot express (an unknown table or
    # content code, derived statistics without `area`, bounds of another frequency).
    # Identity encoding: Django's WSGI test client does not undo the gzip compression that answers
    # get when a client accepts it (compression itself is tested in tests/config).
    response = case.call_and_validate(
        headers={"Host": "localhost", "Accept-Encoding": "identity"},
        excluded_checks=[checks.positive_data_acceptance],
    )
    operation = case.operation.definition.raw
    if case.method.upper() != case.operation.method.upper():
        # A method the document does not list for the path is refused as not allowed ...
        assert response.status_code == 405, (case.method, case.path, response.status_code)
    else:
        # ... and a documented one gets an answer the document lists (never a 5xx, a 404, ...).
        assert str(response.status_code) in operation["responses"], (
            case.path,
            response.status_code,
        )
    if response.status_code == 400:
        # A refusal names the parameter that was wrong (a documented one, or an unknown one the
        # request sent) and says what is wrong with it.
        error = response.json()["error"]
        named = {parameter["name"] for parameter in operation["parameters"]} | set(case.query or {})
        assert error["parameter"] in named, (case.query, error)
        assert error["message"].strip()
