"""The service editor in Chromium: axe-core on the editor's pages (the list, the form, the form with
errors and the conflict page) in fi, sv and en, an edit made with the keyboard only, and no
sideways scrolling on a 390 px phone. Constructed test data (tests/pages/builders.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone

from seuraamo.catalogue.models import Channel, ChannelKind, Service, ServiceStatus
from seuraamo.catalogue.services import refresh_search_text
from tests.axe import serious_violations
from tests.pages.builders import build_programme
from tests.pages.test_browser import focused
from tests.progress.builders import PASSWORD, make_user

pytestmark = pytest.mark.browser
KEY = "testipalvelu"
EDIT = f"/services/{KEY}/edit/"


@pytest.fixture
def site(live_server: object, transactional_db: None) -> Iterator[str]:
    data = build_programme(timezone.localdate())
    service = Service.objects.create(
        key=KEY,
        name_fi="Testipalvelu (rakennettu testiä varten)",
        responsible=data.organisations["kotkan-kaupunki"],
        level=2,
        municipalities=["KU285"],
        status=ServiceStatus.PUBLISHED,
    )
    Channel.objects.create(
        service=service,
        kind=ChannelKind.LOCATION,
        name_fi="Testipiste",
        street_address="Keskuskatu 1",
        latitude="60.46667",
        longitude="26.94583",
    )
    refresh_search_text(service)
    make_user("kotka-editor", organisation=data.organisations["kotkan-kaupunki"])
    yield live_server.url


def log_in(page: object, site: str, language: str = "fi") -> None:
    page.goto(f"{site}/{language}/accounts/login/?next=/{language}/services/editing/")
    page.locator("input[name=username]").fill("kotka-editor@example.test")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{site}/{language}/services/editing/")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_axe_finds_no_serious_violations_on_the_editors_pages(
    site: str, page: object, language: str
) -> None:
    log_in(page, site, language)
    found = {"list": serious_violations(page)}
    page.goto(f"{site}/{language}{EDIT}")
    found["form"] = serious_violations(page)
    page.locator("#id_min_age").fill("40")
    page.locator("#id_max_age").fill("20")
    page.locator("form.service-form button[type=submit]").click()
    page.wait_for_selector(".field--error")
    found["errors"] = serious_violations(page)
    page.goto(f"{site}/{language}{EDIT}")
    Service.objects.filter(key=KEY).update(version=5, name_en="Saved meanwhile")
    page.locator("#id_name_en").fill("Mine")
    page.locator("form.service-form button[type=submit]").click()
    page.wait_for_selector(".conflict-table")
    found["conflict"] = serious_violations(page)
    assert found == {name: [] for name in found}


def test_an_edit_by_keyboard_only(site: str, page: object) -> None:
    log_in(page, site)
    page.goto(f"{site}/fi{EDIT}")
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page)["id"] == "id_name_sv":
            break
    assert focused(page)["id"] == "id_name_sv"
    page.keyboard.type("Testtjänst")
    for _ in range(200):
        page.keyboard.press("Tab")
        if focused(page)["id"] == "id_confirm_verified":
            break
    assert focused(page)["id"] == "id_confirm_verified"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/fi/services/{KEY}/")
    assert "Tallennettu." in page.locator("main").inner_text()
    service = Service.objects.get(key=KEY)
    assert (service.name_sv, service.verified) == ("Testtjänst", True)
    assert service.last_verified == timezone.localdate()


def test_no_sideways_scrolling_at_390_px(site: str, open_page: Callable[..., object]) -> None:
    page = open_page(viewport={"width": 390, "height": 844}, locale="fi-FI")
    log_in(page, site)
    widths = {}
    for language in ("fi", "sv", "en"):
        for path in ("/services/editing/", EDIT):
            page.goto(f"{site}/{language}{path}")
            widths[f"/{language}{path}"] = page.evaluate("document.documentElement.scrollWidth")
    assert widths == {path: 390 for path in widths}
