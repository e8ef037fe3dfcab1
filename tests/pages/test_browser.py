"""The public pages in Chromium with the real programme file: keyboard-only navigation, the language
switcher, the skip link, pages without JavaScript, print. axe-core and the width on phones are
checked for every page in tests/test_axe_and_width.py."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.browser

PROGRAMME_FILE = Path(settings.PACKAGE_DIR) / "programmes" / "data" / "kymenlaakso.yaml"
GOAL = "4-3-osaavan-tyovoiman-saatavuus"
MAX_TABS = 60


@pytest.fixture
def site(live_site: str) -> str:
    call_command("import_programme", str(PROGRAMME_FILE), verbosity=0, stdout=io.StringIO())
    return live_site


def focused(page: object) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, id: el.id, href: el.getAttribute('href') || '',
                    cls: el.className || '', text: el.textContent.trim()};
        }"""
    )


def tab_until(page: object, href: str) -> dict[str, str]:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["href"] == href:
            return element
    raise AssertionError(f"{href} was not reached with {MAX_TABS} presses of Tab")


def test_goal_page_is_reached_with_the_keyboard_only(site: str, page: object) -> None:
    page.goto(f"{site}/fi/")
    assert tab_until(page, "/fi/themes/4.3/")["text"] == "4.3 Osaavan työvoiman saatavuus"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/fi/themes/4.3/")
    assert page.locator("h1").inner_text() == "4.3 Osaavan työvoiman saatavuus"
    tab_until(page, f"/fi/goals/{GOAL}/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/fi/goals/{GOAL}/")
    assert page.locator("h1").inner_text() == "Osaavan työvoiman saatavuus"
    coordinators = page.locator("dl.coordinators dd").all_inner_texts()
    assert coordinators == [
        "Kaakkois-Suomen elinvoimakeskus (ennen: Kaakkois-Suomen elinkeino-, liikenne- ja "
        "ympäristökeskus (ELY-keskus))"
    ]


def test_language_switcher_keeps_the_page(site: str, page: object) -> None:
    page.goto(f"{site}/fi/themes/4.3/")
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url(f"{site}/sv/themes/4.3/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "4.3 Tillgång till kompetent arbetskraft"
    assert page.get_by_role("link", name="Svenska").get_attribute("aria-current") == "true"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{site}/en/themes/4.3/")
    assert page.locator("h1").inner_text() == "4.3 Availability of skilled labour"
    page.get_by_role("link", name="Home", exact=True).first.click()
    page.wait_for_url(f"{site}/en/")
    titles = page.locator(".card-list h3").all_inner_texts()
    assert titles[2] == "4.3 Availability of skilled labour"
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url(f"{site}/sv/")
    assert page.locator(".card-list h3").all_inner_texts()[2] == (
        "4.3 Tillgång till kompetent arbetskraft"
    )


def test_skip_link_is_first_and_moves_focus_to_main(site: str, page: object) -> None:
    page.goto(f"{site}/fi/goals/{GOAL}/")
    page.keyboard.press("Tab")
    link = focused(page)
    assert link["cls"] == "skip-link"
    assert link["text"] == "Siirry pääsisältöön"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is visible"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "/fi/", "the next Tab continues inside main (breadcrumbs)"


def test_pages_work_without_javascript(site: str, open_page: Callable[..., object]) -> None:
    page = open_page(java_script_enabled=False, locale="fi-FI")
    page.goto(f"{site}/fi/")
    page.get_by_role(
        "link", name="4.2 Työllisyyttä tukevan kasvun edistäminen", exact=False
    ).click()
    page.wait_for_url(f"{site}/fi/themes/4.2/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{site}/en/themes/4.2/")
    assert page.locator("h1").inner_text().startswith("4.2 Promoting growth")


def test_print_stylesheet(site: str, page: object) -> None:
    page.goto(f"{site}/fi/organisations/kaakkois-suomen-ely-keskus/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.site-nav', '.language-switcher', '.skip-link', '.breadcrumbs']
            .map(s => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert hidden == ["none"] * 4
    after = page.evaluate(
        """() => getComputedStyle(document.querySelector('a[rel=external]'), '::after').content"""
    )
    assert after == '" (https://www.ely-keskus.fi)"'
    internal = page.evaluate(
        """() => getComputedStyle(document.querySelector('main a[href^="/"]'), '::after').content"""
    )
    assert internal == "none"  # internal links print without their address


def test_the_tab_shows_the_sites_icon(site: str, page: object) -> None:
    """A static icon: without one every page view also asked the application for /favicon.ico
    and got its 404 page."""
    page.goto(f"{site}/sv/")
    icon = page.get_attribute("link[rel=icon]", "href")
    answer = page.request.get(f"{site}{icon}")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert answer.body().startswith(b"<svg")
