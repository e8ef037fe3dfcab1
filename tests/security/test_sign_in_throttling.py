"""Sign-in cannot be brute-forced, and nobody can lock another person out (issues 11 §5 and 23 §1):
failures are counted on the account as the backends match it (the e-mail address in any case, or
the user name) and on the address; the configured number of failures at one account from one
address locks that account from that address only, four times as many from one address at any
accounts lock the address; a successful sign-in clears its own account-and-address count only. Released by
time or by `seuraamo axes_reset_username` / `axes_reset_ip`."""

from __future__ import annotations

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from tests.personas import PASSWORD, citizen, superuser

pytestmark = pytest.mark.django_db

LOGIN = "/fi/admin/login/"
SITE_LOGIN = "/fi/accounts/login/"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture
def staff(db):
    return superuser("staff")


def sign_in(client, username: str, password: str, address: str = "192.0.2.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/fi/admin/"},
        REMOTE_ADDR=address,
    )


def site_sign_in(client, email: str, password: str, address: str):
    return client.post(SITE_LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] != SITE_LOGIN


def test_repeated_wrong_passwords_lock_the_account_from_that_address_then_reset_releases(
    client, staff
) -> None:
    statuses = [sign_in(client, "staff", "wrong").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the form again, then the lock-out
    locked = sign_in(client, "staff", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    call_command("axes_reset_username", "staff", stdout=io.StringIO())
    released = sign_in(client, "staff", PASSWORD)
    assert released.status_code == 302 and released["Location"] == "/fi/admin/"


def test_nobody_can_lock_the_owner_out_from_another_address(staff) -> None:
    """Issue 23 §1.2: five wrong tries used to lock the account for everyone."""
    attacker = Client()
    statuses = [sign_in(attacker, "staff", "wrong", address=ATTACKER).status_code for _ in range(8)]
    assert statuses == [200] * 4 + [429] * 4
    assert sign_in(attacker, "staff", PASSWORD, address=ATTACKER).status_code == 429
    # The owner, elsewhere, signs in with the right password (by user name or e-mail address).
    owner = sign_in(Client(), "staff", PASSWORD, address=OWNER)
    assert owner.status_code == 302 and owner["Location"] == "/fi/admin/"
    assert signed_in(site_sign_in(Client(), "Staff@Example.test", PASSWORD, OWNER))


def test_case_variants_and_spaces_count_as_one_account(staff) -> None:
    """Issue 23 §1.1: each new spelling of the address used to start a new count."""
    variants = ["staff@example.test", "Staff@example.test", " STAFF@EXAMPLE.TEST ", "staff"]
    client = Client()
    statuses = [sign_in(client, name, "wrong", address=ATTACKER).status_code for name in variants]
    assert statuses == [200, 200, 200, 200]
    assert sign_in(client, "sTaFf@example.test", "wrong", address=ATTACKER).status_code == 429
    # The right password in yet another spelling of the address, or typed in upper case: refused.
    for name, password in [("STAFF@example.TEST", PASSWORD), ("staff", PASSWORD.upper())]:
        refused = sign_in(Client(), name, password, address=ATTACKER)
        assert refused.status_code == 429, name
    assert "_auth_user_id" not in client.session


def test_signing_in_to_ones_own_account_does_not_clear_the_count_at_another(staff) -> None:
    """Issue 23 §1.1, the probe's sequence: 20 wrong guesses at one account, each in a new
    upper/lower-case spelling, with a sign-in to the attacker's own account after every fourth;
    then the right password in another spelling. It used to give 0 refusals and a sign-in."""
    citizen("attacker")
    attacker = Client()
    refused = 0
    for guess in range(20):
        name = "".join(
            letter.upper() if guess >> (index % 5) & 1 else letter
            for index, letter in enumerate("staff@example.test")
        )
        if sign_in(attacker, name, f"guess-{guess}", address=ATTACKER).status_code == 429:
            refused += 1
        if guess % 4 == 3:
            site_sign_in(attacker, "attacker@example.test", PASSWORD, ATTACKER)
            attacker.logout()
    assert refused == 16  # every guess after the fourth
    final = sign_in(attacker, "STAFF@EXAMPLE.test", PASSWORD, address=ATTACKER)
    assert final.status_code == 429
    # The owner is not affected.
    assert signed_in(site_sign_in(Client(), "staff@example.test", PASSWORD, OWNER))


def test_many_accounts_tried_from_one_address_lock_that_address(client, staff) -> None:
    """Four times the account's limit, at any accounts: a few mistakes by the people behind one
    office address do not lock them all out, a sweep over many accounts does."""
    statuses = [
        sign_in(client, f"guess{number}", "wrong", address="203.0.113.9").status_code
        for number in range(20)
    ]
    assert statuses == [200] * 19 + [429]
    assert sign_in(client, "staff", PASSWORD, address="203.0.113.9").status_code == 429
    # Another address is not affected.
    assert sign_in(client, "staff", PASSWORD, address="192.0.2.44").status_code == 302


def test_an_office_address_survives_a_few_mistakes_by_many(staff) -> None:
    for number in range(6):
        for _ in range(3):
            sign_in(Client(), f"colleague{number}@example.test", "wrong", address="192.0.2.80")
    assert sign_in(Client(), "staff", PASSWORD, address="192.0.2.80").status_code == 302


def test_the_lock_out_ends_after_the_cool_off_time(client, staff, settings) -> None:
    for _ in range(5):
        sign_in(client, "staff", "wrong")
    assert sign_in(client, "staff", PASSWORD).status_code == 429
    # The same failures seen with a cool-off time that has passed: the lock-out is over.
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    time.sleep(1.1)
    assert sign_in(client, "staff", PASSWORD).status_code == 302


def test_a_success_clears_its_own_count(client, staff) -> None:
    for _ in range(4):
        sign_in(client, "staff", "wrong")
    assert sign_in(client, "Staff@Example.test", PASSWORD).status_code == 302
    client.logout()
    # Cleared: four more mistakes and the right password still sign in from that address.
    for _ in range(4):
        sign_in(client, "staff", "wrong")
    assert sign_in(client, "staff", PASSWORD).status_code == 302


def test_behind_a_proxy_the_configured_header_names_the_address(client, staff, settings) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for number in range(20):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.50",
        )
    # The proxy's own address is not locked; the client's is.
    assert sign_in(client, "staff", PASSWORD, address="10.0.0.1").status_code == 302


# --- Password reset: at most 3 e-mails per account and 10 requests per address an hour ----------

RESET = "/fi/accounts/password-reset/"


def reset(client, email: str, address: str):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def answer(response) -> tuple[int, str, str]:
    """What the person asking sees: the status, where it sends them, and that page."""
    page = Client().get(response["Location"]).content.decode()
    return response.status_code, response["Location"], page


def test_password_reset_sends_at_most_three_e_mails_an_hour_per_account(staff) -> None:
    from django.core import mail

    from seuraamo.accounts.models import PasswordResetRequest

    client = Client()
    spellings = ["staff@example.test", "Staff@Example.test", "STAFF@EXAMPLE.TEST"] * 2
    answers = {answer(reset(client, email, f"192.0.2.{n}")) for n, email in enumerate(spellings)}
    assert len(mail.outbox) == 3
    # Every answer the same, the refused ones too, and the same as for an unknown address.
    answers.add(answer(reset(client, "nobody@example.test", "192.0.2.99")))
    assert len(answers) == 1
    (status, location, _page) = answers.pop()
    assert (status, location) == (302, "/fi/accounts/password-reset/sent/")
    # An hour later the owner can ask again.
    PasswordResetRequest.objects.update(
        requested_at=F("requested_at") - timedelta(hours=1, minutes=1)
    )
    reset(client, "staff@example.test", "192.0.2.50")
    assert len(mail.outbox) == 4


def test_password_reset_takes_at_most_ten_requests_an_hour_from_one_address(db) -> None:
    from django.core import mail

    people = [citizen(f"person{number}") for number in range(11)]
    client = Client()
    answers = {answer(reset(client, person.email, "203.0.113.20")) for person in people}
    assert len(mail.outbox) == 10
    assert len(answers) == 1
    # From another address the eleventh person gets the e-mail.
    reset(client, people[-1].email, "203.0.113.21")
    assert len(mail.outbox) == 11
    assert mail.outbox[-1].to == [people[-1].email]


def age_device_failure(client: Client, seconds: float) -> None:
    """Move the browser's last failure `seconds` into the past (as if it had waited)."""
    from django.core import signing

    from seuraamo.accounts import throttling

    name, failures, last = signing.loads(
        client.cookies[throttling.DEVICE_COOKIE].value, salt=throttling._DEVICE_SALT
    )
    client.cookies[throttling.DEVICE_COOKIE] = signing.dumps(
        [name, failures, last - seconds], salt=throttling._DEVICE_SALT
    )


def test_a_known_good_browser_meets_growing_delays_not_the_lock(staff) -> None:
    """Issue 23 §1: the owner's own browser, once signed in there, is never locked out — not
    by an attacker at the same address, not by its own mistakes, which only slow it down."""
    owner = Client()
    assert sign_in(owner, "staff", PASSWORD, address=ATTACKER).status_code == 302
    owner.post("/fi/accounts/logout/")
    # An attacker at the same (office) address locks the account from there ...
    attacker = Client()
    assert [sign_in(attacker, "staff", "x", address=ATTACKER).status_code for _ in range(6)][
        -1
    ] == 429
    assert sign_in(Client(), "staff", PASSWORD, address=ATTACKER).status_code == 429
    # ... but the owner's browser signs in.
    assert sign_in(owner, "staff", PASSWORD, address=ATTACKER).status_code == 302
    owner.post("/fi/accounts/logout/")

    # Its own wrong passwords: five as usual, then it must wait 1 s, 2 s, 4 s ... between tries.
    statuses = [sign_in(owner, "staff", "wrong", address=ATTACKER).status_code for _ in range(5)]
    assert statuses == [200] * 5
    waiting = sign_in(owner, "staff", PASSWORD, address=ATTACKER)
    assert waiting.status_code == 429
    assert "Yritä uudelleen 1 sekunnin kuluttua." in waiting.content.decode()
    age_device_failure(owner, 1.5)
    assert sign_in(owner, "staff", "wrong again", address=ATTACKER).status_code == 200
    assert "2 sekunnin" in sign_in(owner, "staff", PASSWORD, address=ATTACKER).content.decode()
    age_device_failure(owner, 2.5)
    assert sign_in(owner, "staff", PASSWORD, address=ATTACKER).status_code == 302


def test_a_forged_or_foreign_device_cookie_is_ignored(staff) -> None:
    from seuraamo.accounts import throttling

    citizen("other")
    other = Client()
    assert signed_in(site_sign_in(other, "other@example.test", PASSWORD, ATTACKER))
    other.post("/fi/accounts/logout/")
    attacker = Client()
    attacker.cookies[throttling.DEVICE_COOKIE] = other.cookies[throttling.DEVICE_COOKIE].value
    statuses = [sign_in(attacker, "staff", "x", address=ATTACKER).status_code for _ in range(5)]
    assert statuses[-1] == 429  # another account's cookie gives no way round the lock
    forged = Client()
    forged.cookies[throttling.DEVICE_COOKIE] = '["staff", 0, 0.0]:forged:signature'
    assert sign_in(forged, "staff", PASSWORD, address=ATTACKER).status_code == 429
