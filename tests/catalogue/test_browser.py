"""Catalogue and guide pages in Chromium with the real programme and catalogue seed: a search by
keyboard only, the guide without JavaScript and by keyboard (its answers in no address), and a service's map with its
text alternative. axe-core and the page widths of these pages are rows of the role × page matrix
(tests/test_axe_and_width.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from seuraamo.catalogue.models import Channel, ChannelKind, Service
from tests.catalogue.conftest import load_everything
from tests.pages.test_browser import focused

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server: object, transactional_db: None) -> Iterator[str]:
    load_everything()
    # A constructed location with coordinates, so the service page's map is checked too.
    Channel.objects.create(
        service=Service.objects.get(key="tyonhakijan-palvelut-kouvola"),
        kind=ChannelKind.LOCATION,
        name_fi="Testipiste (rakennettu testiä varten)",
        municipality="KU286",
        latitude=Decimal("60.86800"),
        longitude=Decimal("26.70400"),
    )
    yield live_server.url


def test_search_by_keyboard_only(site: str, page: object) -> None:
    page.goto(f"{site}/sv/services/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page)["id"] == "id_q":
            break
    assert focused(page)["id"] == "id_q"
    page.keyboard.type("unga")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/sv/services/?q=unga*")
    titles = page.locator(".service-list h3").all_inner_texts()
    assert titles == ["Ohjaamo Kotka"]  # Hamina's and Kouvola's are drafts: no way to reach them
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page)["href"] == "/sv/services/ohjaamo-kotka/":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/sv/services/ohjaamo-kotka/")
    assert page.locator("h1").inner_text() == "Ohjaamo Kotka"
    assert "Inte kontrollerad" in page.locator(".unverified-notice").inner_text()


def test_the_guide_works_without_javascript_and_its_address_carries_no_answers(
    site: str, open_page: Callable[..., object]
) -> None:
    page = open_page(java_script_enabled=False, locale="en-GB")
    page.goto(f"{site}/en/services/guide/")
    page.get_by_label("a company").check()
    page.get_by_label("Municipality").select_option("KU075")
    page.get_by_label("What do you need?").select_option("growth")
    page.get_by_role("button", name="Show services").click()
    page.wait_for_selector(".recommendation")
    assert page.url == f"{site}/en/services/guide/"
    company = page.locator(".recommendation h3").all_inner_texts()
    assert company[:3] == [
        "Työnantaja- ja yrityspalvelut (työllisyysalueet) (in Finnish only)",
        "Yritysneuvonta ja elinkeinopalvelut (Cursor) (in Finnish only)",
        "Team Finland -palvelut (kansainvälistyminen, rahoitus) (in Finnish only)",
    ]
    assert "South Kymenlaakso Employment Area" in page.locator(".recommendation").first.inner_text()
    # "Change the answers": the form below still holds them; change two and send again.
    page.get_by_role("link", name="Change the answers").click()
    assert page.get_by_label("Municipality").input_value() == "KU075"
    page.get_by_label("a person", exact=True).check()
    page.get_by_label("Municipality").select_option("KU285")
    page.locator("#id_age").fill("22")
    page.locator("#id_jobseeker_1").check()
    page.get_by_label("What do you need?").select_option("job")
    page.get_by_role("button", name="Show services").click()
    page.wait_for_selector(".recommendation >> text=Ohjaamo Kotka")
    assert page.url == f"{site}/en/services/guide/"
    first = page.locator(".recommendation").first.inner_text()
    assert first.startswith("Ohjaamo Kotka")
    assert "because you are under 30" in first


def test_the_guide_by_keyboard_shows_services_while_the_address_carries_no_answers(
    site: str, open_page: Callable[..., object]
) -> None:
    page = open_page(locale="fi-FI")
    requests: list[tuple[str, str, str | None]] = []
    page.on(
        "request",
        lambda request: requests.append(
            (request.method, request.url, request.headers.get("referer"))
        ),
    )
    page.goto(f"{site}/fi/services/guide/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page)["id"] == "id_audience_0":
            break
    assert focused(page)["id"] == "id_audience_0"
    page.keyboard.press("Space")  # a person
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_municipality"
    page.keyboard.type("Kotka")
    page.keyboard.press("Tab")
    page.keyboard.type("87")  # age
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_jobseeker_0"
    page.keyboard.press("ArrowRight")  # registered: yes
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # unemployed 6–12 months
    page.keyboard.press("ArrowRight")  # over 12 months
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # moved: in the last three years
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # work ability limited: yes
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_need"
    page.keyboard.type("terveys")  # health or social support
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_selector(".recommendation")
    assert page.locator(".recommendation").count() >= 1
    assert "koska terveytesi rajoittaa työkykyäsi" in page.locator(".guide-results").inner_text()
    assert page.url == f"{site}/fi/services/guide/"
    sent = [request for request in requests if request[0] == "POST"]
    assert [url for _method, url, _referer in sent] == [f"{site}/fi/services/guide/"]
    # No address the browser asked for, and no Referer it sent, holds an answer.
    for _method, url, referer in requests:
        for address in (url, referer or ""):
            parts = urlsplit(address)
            text = (
                f"{parts.path}?{parts.query}#{parts.fragment}"  # not the host: its port is a number
            )
            assert "87" not in text and "KU285" not in text and "health" not in text, address


def test_the_map_is_drawn_with_its_text_alternative(site: str, page: object) -> None:
    page.goto(f"{site}/fi/services/tyonhakijan-palvelut-kouvola/")
    figure = page.locator(".service-map figure")
    assert figure.locator("svg[role=img] circle").count() == 1
    box = figure.locator("svg").bounding_box()
    assert 200 < box["width"] <= 26 * 16 and box["height"] > 100
    assert "Testipiste" in figure.locator("figcaption").inner_text()
