"""Tests over the real offline statistics snapshot (330 000 observations), loaded once for the whole
package and rolled back after it: each test runs in a savepoint inside that transaction.

Every database test here uses the snapshot (tests/conftest.py refuses others), and the tests run
on one worker one after another (the `xdist_group` below, with `--dist loadgroup`), so the
snapshot loads once per run instead of once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command

from tests.conftest import loaded_once
from tests.situation.conftest import finnish_by_default  # noqa: F401  (autouse, re-used)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/snapshot/" in item.nodeid:
            item.add_marker(pytest.mark.xdist_group("statistics-snapshot"))


@pytest.fixture(scope="package")
def statistics_snapshot(
    django_db_setup: None, django_db_blocker: pytest.DjangoDbBlocker
) -> Iterator[None]:
    yield from loaded_once(
        django_db_blocker, lambda: call_command("load_statistics_snapshot", verbosity=0)
    )
