"""Page-test fixtures: compiled interface catalogues and a small programme in the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.signals import setting_changed
from django.utils import timezone, translation

from tests.pages.builders import PageData, build_programme


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues() -> None:
    """The .mo files are not in git: compile them once, then make Django reload its catalogues."""
    call_command("compile_catalogues", verbosity=0)
    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture(autouse=True)
def finnish_by_default() -> Iterator[None]:
    with translation.override("fi"):
        yield


@pytest.fixture
def data(db: None) -> PageData:
    return build_programme(timezone.localdate())
