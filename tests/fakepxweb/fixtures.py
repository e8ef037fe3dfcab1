"""pytest fixture factory: ``fake_pxweb(*tables, **server_options) -> FakePxWebServer``.

Use from any test module or conftest::

    from tests.fakepxweb.fixtures import fake_pxweb  # noqa: F401  (re-export the fixture)

    def test_sync(fake_pxweb):
        server = fake_pxweb(make_12r5_table(months=24), max_calls=5, time_window=1)
        client = PxWebClient(server.base_url, timeout=5)

Servers started through the fixture are stopped when the test ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .server import FakePxWebServer
from .tables import FakeTable


@pytest.fixture
def fake_pxweb() -> Iterator[Callable[..., FakePxWebServer]]:
    servers: list[FakePxWebServer] = []

    def start(*tables: FakeTable, **options: Any) -> FakePxWebServer:
        server = FakePxWebServer(tables, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
