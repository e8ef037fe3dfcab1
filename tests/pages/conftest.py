"""Page-test fixtures: Finnish as the active language and a small programme in the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone, translation

from tests.pages.builders import PageData, build_programme


@pytest.fixture(autouse=True)
def finnish_by_default() -> Iterator[None]:
    with translation.override("fi"):
        yield


@pytest.fixture
def data(db: None) -> PageData:
    return build_programme(timezone.localdate())
