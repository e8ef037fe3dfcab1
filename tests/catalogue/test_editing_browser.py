"""The service editor in Chromium: an edit made with the keyboard only, after signing in with the
form. axe-core and the page widths of the editor's pages (the list, the form, the form with errors
and the conflict page) are rows of the role × page matrix (tests/test_axe_and_width.py).
Constructed test data (tests/pages/builders.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone

from seuraamo.catalogue.models import Channel, ChannelKind, Service, ServiceStatus
from seuraamo.catalogue.services import refresh_search_text
from tests.pages.builders import build_programme
from tests.pages.test_browser import focused
from tests.personas import PASSWORD, service_editor

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
    service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    yield live_server.url


def log_in(page: object, site: str) -> None:
    page.goto(f"{site}/fi/accounts/login/?next=/fi/services/editing/")
    page.locator("input[name=username]").fill("kotka-editor@example.test")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{site}/fi/services/editing/")


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
