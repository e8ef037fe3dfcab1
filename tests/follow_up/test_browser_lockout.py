"""The lock-out page in Chromium, in fi, sv and en: after SIGN_IN_FAILURE_LIMIT wrong passwords the
sign-in answers 429 with a page in the visitor's language that says why, offers the password reset
(reachable with the keyboard) and passes axe-core. Constructed test user."""

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


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_lock_out_page_in_each_language(
    site: str, open_page: Callable[..., object], language: str
) -> None:
    page = open_page(locale=f"{language}-FI")
    heading, reset = EXPECTED[language]
    statuses = []
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{site}/{language}/accounts/login/")
        page.locator("input[name=username]").fill("lukittu@example.test")
        page.locator("input[name=password]").fill("väärä salasana")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.locator("form.form button[type=submit]").click()
        statuses.append(answer.value.status)

    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}, statuses
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert serious_violations(page) == []

    # Even the right password is refused while the lock lasts.
    page.goto(f"{site}/{language}/accounts/login/")
    page.locator("input[name=username]").fill("lukittu@example.test")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form.form button[type=submit]").click()
    assert answer.value.status == 429

    # The way out, with the keyboard: the password reset link.
    page.get_by_role("link", name=reset).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/{language}/accounts/password-reset/")
    assert page.get_by_role("heading", level=1).inner_text() == reset
