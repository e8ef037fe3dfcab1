"""Refusals in Chromium, in fi, sv and en: an anonymous visitor refused a page signs in and lands
back on it; the 403, 404 and 500 pages have the page's language and heading and pass axe-core; from
the 403 page a user signs in as another one with the keyboard and comes back. The refused test page
is tests/security/refusal_urls.py; the 403 comes from the real data-status page. Constructed test
users."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.axe import serious_violations
from tests.personas import PASSWORD, analyst, citizen
from tests.security.refusal_urls import MEMBERS_HEADING
from tests.security.test_refusals import ANOTHER_USER, NOT_FOUND, REFUSED, SERVER_ERROR

pytestmark = pytest.mark.browser

LANGUAGES = ("fi", "sv", "en")


@pytest.fixture
def site(live_site: str, settings: object) -> str:
    settings.ROOT_URLCONF = "tests.security.refusal_urls"
    settings.DEBUG = False  # the site's error pages, not Django's technical ones
    citizen("member")
    analyst()
    return live_site


def sign_in_here(page: object, who: str) -> None:
    """Fill in the sign-in form the page shows and send it."""
    page.locator("input[name=username]").fill(f"{who}@example.test")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()


def test_a_refused_anonymous_visitor_signs_in_and_lands_back(
    site: str, open_page: Callable[..., object]
) -> None:
    for language in LANGUAGES:
        page = open_page(locale=f"{language}-FI")
        page.goto(f"{site}/{language}/members/?tab=2")
        assert page.url == f"{site}/{language}/accounts/login/?next=/{language}/members/%3Ftab%3D2"
        assert page.locator("html").get_attribute("lang") == language
        sign_in_here(page, "member")
        page.wait_for_url(f"{site}/{language}/members/?tab=2")
        assert page.get_by_role("heading", level=1).inner_text() == MEMBERS_HEADING


def test_the_error_pages_pass_axe_in_each_language(
    site: str, open_page: Callable[..., object]
) -> None:
    page = open_page(locale="fi-FI")
    page.goto(f"{site}/fi/accounts/login/?next=/fi/")
    sign_in_here(page, "member")
    page.wait_for_url(f"{site}/fi/")
    for language in LANGUAGES:
        for path, status, heading in [
            ("data-status/", 403, REFUSED[language]),
            ("no-such-page/", 404, NOT_FOUND[language]),
            ("failing/", 500, SERVER_ERROR[language]),
        ]:
            where = f"/{language}/{path}"
            response = page.goto(f"{site}{where}")
            assert response.status == status, where
            assert page.locator("html").get_attribute("lang") == language, where
            assert page.get_by_role("heading", level=1).inner_text() == heading, where
            # Styled: the site's stylesheet is applied (the header's brand colour).
            colour = page.evaluate(
                "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
            )
            assert colour == "rgb(11, 46, 79)", where
            assert serious_violations(page) == [], where


def test_from_the_403_page_a_user_signs_in_as_another_with_the_keyboard(
    site: str, open_page: Callable[..., object]
) -> None:
    page = open_page(locale="fi-FI")
    page.goto(f"{site}/fi/accounts/login/?next=/fi/data-status/")
    sign_in_here(page, "member")
    page.wait_for_url(f"{site}/fi/data-status/")
    assert page.get_by_role("heading", level=1).inner_text() == REFUSED["fi"]

    page.get_by_role("button", name=ANOTHER_USER["fi"]).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/fi/accounts/login/?next=/fi/data-status/")
    sign_in_here(page, "analyst")
    page.wait_for_url(f"{site}/fi/data-status/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tietojen tila"
