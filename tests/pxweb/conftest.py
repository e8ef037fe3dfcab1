"""Plain-pytest setup for the PxWeb library tests (no Django database is used).

Re-exports the ``fake_pxweb`` fixture factory and gives every test fresh shared limiters.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from seuraamo.transport import forget_shared_limiters
from tests.fakepxweb.fixtures import fake_pxweb  # noqa: F401

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fresh_shared_limiters() -> Iterator[None]:
    forget_shared_limiters()
    yield
    forget_shared_limiters()


@pytest.fixture
def fixture_text() -> object:
    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read
