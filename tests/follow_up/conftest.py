from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.follow_up.builders import FollowUp, build_follow_up
from tests.pages.builders import PageData, build_programme
from tests.pages.conftest import data, finnish_by_default  # noqa: F401


@pytest.fixture
def follow_up(data: PageData) -> FollowUp:  # noqa: F811
    return build_follow_up(data, timezone.localdate() + datetime.timedelta(days=20))


@pytest.fixture
def follow_up_site(live_site: str) -> tuple[str, FollowUp]:
    """The live server's address, and an open round of the small programme with a user in each
    role (tests/follow_up/builders.py)."""
    programme = build_programme(timezone.localdate())
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    return live_site, build_follow_up(programme, deadline)
