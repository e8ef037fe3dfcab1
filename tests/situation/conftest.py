"""Situation-picture test fixtures: Finnish by default, no cached content, a small statistics
store. (The catalogues are compiled once per session by tests/conftest.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.situation.builders import build_situation


@pytest.fixture(autouse=True)
def finnish_by_default() -> Iterator[None]:
    with translation.override("fi"):
        yield


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Rendered content is cached per data version; each test starts without it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def situation(db: None) -> None:
    build_situation()
