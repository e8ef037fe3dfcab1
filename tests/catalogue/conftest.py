"""Catalogue fixtures: the real programme file and the real catalogue seed, loaded the way
`seuraamo load_initial_data` loads them."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from tests.conftest import loaded_once

PROGRAMME_FILE = Path(settings.PACKAGE_DIR) / "programmes" / "data" / "kymenlaakso.yaml"


@pytest.fixture(autouse=True)
def finnish_by_default() -> Iterator[None]:
    with translation.override("fi"):
        yield


def load_everything() -> None:
    call_command("import_programme", str(PROGRAMME_FILE), verbosity=0, stdout=io.StringIO())
    call_command("load_catalogue", stdout=io.StringIO())


@pytest.fixture(scope="module")
def catalogue_for_the_module(
    django_db_setup: None, django_db_blocker: pytest.DjangoDbBlocker
) -> Iterator[None]:
    yield from loaded_once(django_db_blocker, load_everything)


@pytest.fixture
def catalogue(catalogue_for_the_module: None, db: None) -> None:
    """The programme and the catalogue seed, loaded once per module (tests in savepoints)."""
