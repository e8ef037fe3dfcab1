"""Signing in with an organisation's identity provider in Chromium, in fi, sv and en: the button on the
sign-in page, the round trip through the stand-in provider (tests/fakeoidc, a real socket) and back to
"My tasks"; a refused sign-in shows its reason. axe-core on the sign-in page with the providers and on
the refusal page. Constructed people and organisations."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone

from seuraamo.accounts.models import SignInProvider
from tests.axe import serious_violations
from tests.fakeoidc.server import FakeOidcProvider
from tests.pages.builders import build_programme

pytestmark = pytest.mark.browser

BUTTON = "Kotkan kaupungin tunnus"
REFUSED = {
    "fi": "Kirjautuminen ei onnistunut",
    "sv": "Inloggningen lyckades inte",
    "en": "Sign-in did not succeed",
}


@pytest.fixture
def site(live_site: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, FakeOidcProvider]]:
    data = build_programme(timezone.localdate())
    monkeypatch.setenv("OIDC_KOTKA_BROWSER_SECRET", "browser-secret")
    with FakeOidcProvider(client_id="seuraamo", client_secret="browser-secret") as fake:
        SignInProvider.objects.create(
            organisation=data.organisations["kotkan-kaupunki"],
            key="kotka",
            name=BUTTON,
            discovery_url=fake.discovery_url,
            client_id="seuraamo",
            client_secret_variable="OIDC_KOTKA_BROWSER_SECRET",
            creates_users=True,
        )
        yield live_site, fake


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_signing_in_with_the_organisations_account(
    site: tuple[str, FakeOidcProvider], open_page: Callable[..., object], language: str
) -> None:
    url, fake = site
    page = open_page(locale=f"{language}-FI")
    page.goto(f"{url}/{language}/accounts/login/")
    assert serious_violations(page) == []

    fake.person = {"sub": "kotka-7", "email": "unverified@kotka.test", "email_verified": False}
    page.get_by_role("link", name=BUTTON).click()
    page.wait_for_url(f"{url}/accounts/oidc/callback/?*")
    assert page.get_by_role("heading", level=1).inner_text() == REFUSED[language]
    assert page.locator("html").get_attribute("lang") == language
    assert serious_violations(page) == []

    fake.person = {"sub": "kotka-8", "email": f"pia.{language}@kotka.test", "email_verified": True}
    page.goto(f"{url}/{language}/accounts/login/")
    page.get_by_role("link", name=BUTTON).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{url}/{language}/follow-up/tasks/")
