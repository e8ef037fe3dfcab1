"""An app-server worker keeps its database connection between requests (DATABASE_CONN_MAX_AGE):
two requests through the real WSGI handler, which closes obsolete connections after every request
(unlike Django's test client), are answered over one connection."""

from __future__ import annotations

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection


def get(handler: WSGIHandler, path: str) -> str:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
    }
    statuses: list[str] = []
    body = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["200 OK"], body[:200]
    return body.decode()


@pytest.fixture(autouse=True)
def closable_database() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("Django never closes an in-memory test database; runs on PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_two_requests_share_one_database_connection() -> None:
    handler = WSGIHandler()
    get(handler, "/healthz")
    first = connection.connection
    assert first is not None
    get(handler, "/healthz")
    assert connection.connection is first


@pytest.mark.django_db(transaction=True)
def test_without_a_maximum_age_every_request_opens_its_own() -> None:
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 0
    try:
        handler = WSGIHandler()
        get(handler, "/healthz")
        first = connection.connection
        get(handler, "/healthz")
        assert connection.connection is not first
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 600
