"""OpenID Connect sign-in per organisation against a stand-in provider on a real socket
(tests/fakeoidc): discovery, the authorization redirect, the token request and an RS256 id_token
checked against the provider's keys. People are matched to users of the provider's organisation or
created in it; everything else is refused with a one-line reason and nobody is signed in. Password
sign-in stays. Constructed people and organisations."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user
from django.test import Client

from seuraamo.accounts.models import ExternalIdentity, SignInProvider, User
from seuraamo.core.models import AuditEvent
from tests.fakeoidc.server import FakeOidcProvider
from tests.pages.builders import PageData
from tests.personas import PASSWORD, person

SECRET_VARIABLE = "OIDC_KOTKA_TEST_SECRET"


@pytest.fixture
def provider(
    data: PageData, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[FakeOidcProvider, SignInProvider]]:
    monkeypatch.setenv(SECRET_VARIABLE, "kotka-client-secret")
    with FakeOidcProvider(client_id="seuraamo", client_secret="kotka-client-secret") as fake:
        fake.person = {
            "sub": "kotka-0042",
            "email": "Anna.Virtanen@Kotka.test",
            "email_verified": True,
            "given_name": "Anna",
            "family_name": "Virtanen",
        }
        configured = SignInProvider.objects.create(
            organisation=data.organisations["kotkan-kaupunki"],
            key="kotka",
            name="Kotkan kaupungin tunnus",
            discovery_url=fake.discovery_url,
            client_id="seuraamo",
            client_secret_variable=SECRET_VARIABLE,
        )
        yield fake, configured


def sign_in(client: Client, fake: FakeOidcProvider, language: str = "fi") -> object:
    """The browser's round trip: Seuraamo → the provider (real HTTP) → back to Seuraamo."""
    start = client.get(f"/{language}/accounts/sign-in/kotka/")
    assert start.status_code == 302, start.content.decode()
    assert start["Location"].startswith(f"{fake.issuer}/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == "/accounts/oidc/callback/"
    return client.get(f"{back.path}?{back.query}")


def test_a_known_person_signs_in_with_their_organisations_account(
    provider: tuple[FakeOidcProvider, SignInProvider], data: PageData
) -> None:
    fake, configured = provider
    anna = person(
        "anna", organisation=data.organisations["kotkan-kaupunki"], email="anna.virtanen@kotka.test"
    )
    client = Client()

    answer = sign_in(client, fake)

    assert answer.status_code == 302 and answer["Location"] == "/fi/follow-up/tasks/"
    assert get_user(client).pk == anna.pk
    assert ExternalIdentity.objects.get(provider=configured).user == anna
    assert fake.requests[:1] == ["GET /.well-known/openid-configuration"]
    assert {"POST /token", "GET /jwks"} <= set(fake.requests)
    # Next time the provider's identifier finds her, even with a changed address.
    fake.person["email"] = "anna.virtanen-uusi@kotka.test"
    again = Client()
    assert sign_in(again, fake).status_code == 302 and get_user(again).pk == anna.pk


def test_a_new_person_gets_an_account_only_where_the_provider_creates_them(
    provider: tuple[FakeOidcProvider, SignInProvider], data: PageData
) -> None:
    fake, configured = provider
    refused = sign_in(Client(), fake)
    assert refused.status_code == 403
    assert "Tunnusta ei ole osoitteelle Anna.Virtanen@Kotka.test" in refused.content.decode()
    assert not User.objects.filter(email__iexact="anna.virtanen@kotka.test").exists()

    configured.creates_users = True
    configured.save()
    client = Client()
    assert sign_in(client, fake, language="sv")["Location"] == "/sv/follow-up/tasks/"
    anna = User.objects.get(email="Anna.Virtanen@Kotka.test")
    assert anna.organisation == data.organisations["kotkan-kaupunki"]
    assert (anna.first_name, anna.last_name) == ("Anna", "Virtanen")
    assert not anna.has_usable_password()
    assert get_user(client).pk == anna.pk
    event = AuditEvent.objects.get(object_type="accounts.user", action="create")
    assert "password" not in event.after and event.after["organisation"] == "kotkan-kaupunki"


def test_an_account_of_another_organisation_is_refused(
    provider: tuple[FakeOidcProvider, SignInProvider], data: PageData
) -> None:
    fake, _configured = provider
    person(
        "anna",
        organisation=data.organisations["kaakkois-suomen-ely-keskus"],
        email="anna.virtanen@kotka.test",
    )
    client = Client()
    answer = sign_in(client, fake, language="en")
    assert answer.status_code == 403
    assert "Your account belongs to another organisation." in answer.content.decode()
    assert not get_user(client).is_authenticated


@pytest.mark.parametrize("tamper", ["signature", "audience", "nonce"])
def test_a_wrong_id_token_signs_nobody_in(
    provider: tuple[FakeOidcProvider, SignInProvider], data: PageData, tamper: str
) -> None:
    fake, configured = provider
    configured.creates_users = True
    configured.save()
    fake.tamper = tamper
    client = Client()
    answer = sign_in(client, fake, language="en")
    # The token fails its checks (authlib's JoseError): the provider did not answer properly.
    assert answer.status_code == 502
    assert "Sign-in did not succeed" in answer.content.decode()
    assert "did not answer properly" in answer.content.decode()
    assert not get_user(client).is_authenticated
    assert not User.objects.filter(email="Anna.Virtanen@Kotka.test").exists()


def test_an_unverified_address_is_refused(
    provider: tuple[FakeOidcProvider, SignInProvider], data: PageData
) -> None:
    fake, configured = provider
    configured.creates_users = True
    configured.save()
    fake.person["email_verified"] = False
    answer = sign_in(Client(), fake, language="en")
    assert answer.status_code == 403
    assert "The sign-in service gave no verified e-mail address." in answer.content.decode()


def test_a_missing_secret_and_a_stray_callback_are_explained(
    provider: tuple[FakeOidcProvider, SignInProvider],
    data: PageData,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stray = Client().get("/accounts/oidc/callback/?code=x&state=y")
    assert stray.status_code == 400
    monkeypatch.delenv(SECRET_VARIABLE)
    answer = Client().get("/en/accounts/sign-in/kotka/")
    assert answer.status_code == 503
    assert SECRET_VARIABLE in answer.content.decode()
    assert Client().get("/en/accounts/sign-in/no-such-provider/").status_code == 404


def test_the_provider_is_offered_next_to_the_password_which_still_works(
    provider: tuple[FakeOidcProvider, SignInProvider], data: PageData
) -> None:
    anna = person("anna", organisation=data.organisations["kotkan-kaupunki"])
    client = Client()
    page = client.get("/fi/accounts/login/").content.decode()
    assert 'href="/fi/accounts/sign-in/kotka/"' in page and "Kotkan kaupungin tunnus" in page
    answer = client.post("/fi/accounts/login/", {"username": anna.email, "password": PASSWORD})
    assert answer.status_code == 302 and get_user(client).pk == anna.pk
