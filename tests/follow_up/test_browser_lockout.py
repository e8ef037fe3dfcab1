"""The lock-out page in Chromium, in fi, sv and en: after SIGN_IN_FAILURE_LIMIT wrong passwords the
sign-in answers 429, the right password too, with a page in the visitor's language that says why,
offers the password reset (reachable with the keyboard) and passes axe-core. Constructed test
user."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings

from tests.axe import serious_violations
from tests.personas import PASSWORD, citizen

pytestmark = pytest.mark.browser

EXPECTED = {
    "fi": ("Liian monta epäonnistunutta yritystä", "Vaihda salasana"),
    "sv": ("För många misslyckade försök", "Återställ ditt lösenord"),
    "en": ("Too many failed attempts", "Reset your password"),
}


@pytest.fixture
def site(live_site: str) -> str:
    citizen("lukittu")
    return live_site


def submit(page: object, site: str, language: str, password: str) -> int:
    page.goto(f"{site}/{language}/accounts/login/")
    page.locator("input[name=username]").fill("lukittu@example.test")
    page.locator("input[name=password]").fill(password)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form.form button[type=submit]").click()
    return answer.value.status


def test_the_lock_out_page_in_each_language(site: str, open_page: Callable[..., object]) -> None:
    page = open_page(locale="fi-FI")
    statuses = [
        submit(page, site, "fi", "väärä salasana")
        for _attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}, statuses

    for language, (heading, _reset) in EXPECTED.items():
        # Even the right password is refused while the lock lasts, in the page's language.
        assert submit(page, site, language, PASSWORD) == 429, language
        assert page.locator("html").get_attribute("lang") == language
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert serious_violations(page) == [], language

    # The way out, with the keyboard: the password reset link.
    reset = EXPECTED[language][1]
    page.get_by_role("link", name=reset).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/{language}/accounts/password-reset/")
    assert page.get_by_role("heading", level=1).inner_text() == reset
