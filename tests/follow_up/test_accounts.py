"""Sign-in with e-mail and password: Argon2 hashes, the one-line error, lock-out after repeated
failures, sign-out, password reset by e-mail, and the session's lifetime."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from seuraamo.accounts.models import User
from seuraamo.config import settings as project_settings
from tests.personas import PASSWORD, citizen

LOGIN = "/fi/accounts/login/"


@pytest.fixture
def user(db: None, settings: object) -> User:
    # The project's own hashers: the other tests hash with MD5 for speed (tests/conftest.py).
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    return citizen("koordinaattori")


def test_the_password_is_stored_as_an_argon2_hash(user: User) -> None:
    assert user.password.startswith("argon2$argon2id$")


def test_sign_in_with_the_e_mail_address_in_any_case(user: User, settings: object) -> None:
    client = Client()
    response = client.post(LOGIN, {"username": "Koordinaattori@Example.test", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fi/follow-up/tasks/"
    session = response.cookies["sessionid"]
    assert session["max-age"] == settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert session["httponly"]
    assert client.get("/fi/follow-up/tasks/").status_code == 200
    assert client.post("/fi/accounts/logout/").status_code == 302
    assert client.get("/fi/follow-up/tasks/").status_code == 302


def test_a_wrong_password_says_so_in_one_line(user: User) -> None:
    response = Client().post(LOGIN, {"username": user.email, "password": "wrong"})
    assert response.status_code == 200
    assert "Sähköpostiosoite tai salasana on väärä." in response.content.decode()


def test_repeated_failures_lock_the_address_out(user: User, settings: object) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(LOGIN, {"username": user.email, "password": "wrong"}).status_code == 200
    locked = client.post(LOGIN, {"username": user.email, "password": "wrong"})
    assert locked.status_code == 429
    assert "Liian monta epäonnistunutta yritystä" in locked.content.decode()
    # Even the right password is refused while the lock lasts.
    right = Client().post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert right.status_code == 429


def test_password_reset_by_e_mail(user: User) -> None:
    client = Client()
    response = client.post("/fi/accounts/password-reset/", {"email": user.email})
    assert response["Location"] == "/fi/accounts/password-reset/sent/"
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert mail.outbox[0].subject == "Seuraamo: aseta uusi salasana"
    link = re.search(r"http://testserver(/fi/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Aseta uusi salasana" in form.content.decode()
    new_password = "Uusi-salasana-Kotka-2026"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done["Location"] == "/fi/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password(new_password)
    # An unknown address gets the same answer and no e-mail.
    client.post("/fi/accounts/password-reset/", {"email": "nobody@example.test"})
    assert len(mail.outbox) == 1


def test_a_sign_in_without_a_client_address_is_logged_on_every_database(user: User) -> None:
    """force_login (and a Unix-socket server) gives no REMOTE_ADDR: django-axes' access log then
    stores no address instead of failing on PostgreSQL's inet column."""
    from axes.models import AccessLog
    from django.http import HttpRequest

    from seuraamo.core.client_ip import client_ip

    assert client_ip(HttpRequest()) == ""
    client = Client()
    client.force_login(user)
    assert client.get("/fi/follow-up/tasks/").status_code == 200
    assert AccessLog.objects.get(username=user.get_username()).ip_address is None
