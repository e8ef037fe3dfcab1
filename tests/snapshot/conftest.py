"""Tests over the real offline statistics snapshot (330 000 observations), loaded once for the whole
package and rolled back after it: each test runs in a savepoint inside that transaction.

Every database test here uses the snapshot (tests/conftest.py refuses others). pytest-xdist hands
each worker consecutive tests, so the snapshot loads about once per worker instead of once per
module. (Its `--dist loadgroup`, which would keep them on one worker, does not work with pytest 9:
it renames tests through an attribute pytest no longer reads.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command

from tests.conftest import loaded_once
from tests.situation.conftest import finnish_by_default  # noqa: F401  (autouse, re-used)


@pytest.fixture(scope="package")
def statistics_snapshot(
    django_db_setup: None, django_db_blocker: pytest.DjangoDbBlocker
) -> Iterator[None]:
    yield from loaded_once(
        django_db_blocker, lambda: call_command("load_statistics_snapshot", verbosity=0)
    )
