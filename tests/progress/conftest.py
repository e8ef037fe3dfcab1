from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.pages.builders import PageData
from tests.pages.conftest import data, finnish_by_default  # noqa: F401
from tests.progress.builders import FollowUp, build_follow_up


@pytest.fixture
def follow_up(data: PageData) -> FollowUp:  # noqa: F811
    return build_follow_up(data, timezone.localdate() + datetime.timedelta(days=20))
