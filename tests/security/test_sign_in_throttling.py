"""Sign-in cannot be brute-forced (issue 11 §5): after the configured number of failed sign-ins for
one account, or from one address, the admin sign-in refuses even the right password until the
lock-out is released (by time or by `seuraamo axes_reset_username` / `axes_reset_ip`)."""

from __future__ import annotations

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command

from tests.personas import PASSWORD, superuser

pytestmark = pytest.mark.django_db

LOGIN = "/fi/admin/login/"


@pytest.fixture
def staff(db):
    return superuser("staff")


def sign_in(client, username: str, password: str, address: str = "192.0.2.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/fi/admin/"},
        REMOTE_ADDR=address,
    )


def test_repeated_wrong_passwords_lock_the_account_then_reset_releases(client, staff) -> None:
    statuses = [sign_in(client, "staff", "wrong").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the form again, then the lock-out
    locked = sign_in(client, "staff", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # From another address too: the count is per account.
    assert sign_in(client, "staff", PASSWORD, address="198.51.100.7").status_code == 429

    call_command("axes_reset_username", "staff", stdout=io.StringIO())
    released = sign_in(client, "staff", PASSWORD)
    assert released.status_code == 302 and released["Location"] == "/fi/admin/"


def test_many_accounts_tried_from_one_address_lock_that_address(client, staff) -> None:
    statuses = [
        sign_in(client, f"guess{number}", "wrong", address="203.0.113.9").status_code
        for number in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert sign_in(client, "staff", PASSWORD, address="203.0.113.9").status_code == 429
    # Another address is not affected.
    assert sign_in(client, "staff", PASSWORD, address="192.0.2.44").status_code == 302


def test_the_lock_out_ends_after_the_cool_off_time(client, staff, settings) -> None:
    for _ in range(5):
        sign_in(client, "staff", "wrong")
    assert sign_in(client, "staff", PASSWORD).status_code == 429
    # The same failures seen with a cool-off time that has passed: the lock-out is over.
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    time.sleep(1.1)
    assert sign_in(client, "staff", PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, staff) -> None:
    for _ in range(4):
        sign_in(client, "staff", "wrong")
    assert sign_in(client, "staff", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "staff", "wrong", address="192.0.2.2")
    assert sign_in(client, "staff", PASSWORD, address="192.0.2.3").status_code == 302


def test_behind_a_proxy_the_configured_header_names_the_address(client, staff, settings) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for number in range(5):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.50",
        )
    # The proxy's own address is not locked; the client's is.
    assert sign_in(client, "staff", PASSWORD, address="10.0.0.1").status_code == 302
