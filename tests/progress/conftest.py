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


@pytest.fixture(autouse=True)
def fast_password_hashes(settings: object) -> None:
    """Argon2 is deliberately slow; these tests create many users (test_accounts checks Argon2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
