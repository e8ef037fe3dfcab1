"""Situation-picture test fixtures: Finnish by default and a small statistics store. (tests/conftest.py
compiles the catalogues once per session and empties the page cache around every test.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.situation.builders import build_situation


@pytest.fixture(autouse=True)
def finnish_by_default() -> Iterator[None]:
    with translation.override("fi"):
        yield


@pytest.fixture
def situation(db: None) -> None:
    build_situation()
