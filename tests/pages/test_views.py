"""Public pages in each language: status, <html lang>, translated <title> and <h1>, landmarks,
breadcrumbs, Finnish fallbacks marked lang="fi", successor display, 404s and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.pages.builders import PageData
from tests.pages.html import Element, parse

LANGUAGES = ["fi", "sv", "en"]

# page path (after the language prefix) → expected <h1>/<title> text per language
PAGES: dict[str, dict[str, str]] = {
    "": {
        "fi": "Kymenlaakson työllisyysohjelma 2021–",
        "sv": "Kymmenedalens sysselsättningsprogram 2021–",
        "en": "Kymenlaakso Employment Programme 2021–",
    },
    "programme/": {
        "fi": "Kymenlaakson työllisyysohjelma 2021–",
        "sv": "Kymmenedalens sysselsättningsprogram 2021–",
        "en": "Kymenlaakso Employment Programme 2021–",
    },
    "themes/4.1/": {
        "fi": "4.1 Yhteistyön kehittäminen",
        "sv": "4.1 Utveckling av samarbetet",
        "en": "4.1 Developing cooperation",
    },
    "goals/goal-4-1/": {
        "fi": "Tavoite Yhteistyön kehittäminen",
        "sv": "Mål Utveckling av samarbetet",
        "en": "Goal Developing cooperation",
    },
    "organisations/": {"fi": "Organisaatiot", "sv": "Organisationer", "en": "Organisations"},
    "organisations/kotkan-kaupunki/": {
        "fi": "Kotkan kaupunki",
        "sv": "Kotka stad",
        "en": "City of Kotka",
    },
    "steering-group/": {
        "fi": "Työllisyysjohtoryhmä",
        "sv": "Sysselsättningsledningsgruppen",
        "en": "Employment steering group",
    },
}


def get(client: Client, url: str, status: int = 200) -> Element:
    response = client.get(url)
    assert response.status_code == status, url
    return parse(response.content)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", list(PAGES))
def test_page_in_each_language(client: Client, data: PageData, path: str, language: str) -> None:
    doc = get(client, f"/{language}/{path}")
    expected = PAGES[path][language]
    assert doc.find("html").attrs["lang"] == language
    assert doc.find("title").text == f"{expected} – Seuraamo"
    h1s = doc.find_all("h1")
    assert len(h1s) == 1
    assert h1s[0].text == expected
    # landmarks and the skip link
    assert len(doc.find_all("header")) == 1
    assert len(doc.find_all("footer")) == 1
    assert doc.find("main").attrs["id"] == "main"
    assert doc.find("a", class_="skip-link").attrs["href"] == "#main"
    labels = [nav.attrs.get("aria-label") for nav in doc.find_all("nav")]
    assert len(labels) == len(set(labels)), "each navigation landmark has its own label"


def test_interface_strings_are_translated(client: Client, data: PageData) -> None:
    assert "Siirry pääsisältöön" in get(client, "/fi/").find("a", class_="skip-link").text
    assert "Hoppa till huvudinnehållet" in get(client, "/sv/").find("a", class_="skip-link").text
    assert "Skip to main content" in get(client, "/en/").find("a", class_="skip-link").text
    items = [a.text for a in get(client, "/fi/").find("nav", class_="site-nav").find_all("a")]
    assert {"Etusivu", "Ohjelma", "Organisaatiot", "Työllisyysjohtoryhmä"} <= set(items)
    items = [a.text for a in get(client, "/sv/").find("nav", class_="site-nav").find_all("a")]
    assert {"Startsida", "Programmet", "Organisationer", "Sysselsättningsledningsgruppen"} <= set(
        items
    )


def test_missing_translation_falls_back_to_finnish_marked_lang_fi(
    client: Client, data: PageData
) -> None:
    doc = get(client, "/sv/themes/4.3/")
    h1 = doc.find("h1")
    assert h1.find("span", lang="fi").text == "Osaavan työvoiman saatavuus"
    assert doc.find("title").text == "4.3 Osaavan työvoiman saatavuus – Seuraamo"
    crumb = doc.find("nav", class_="breadcrumbs").find("a", aria_current="page")
    assert crumb.find("span", lang="fi").text == "Osaavan työvoiman saatavuus"
    # the home page's theme list marks the same fallback
    home = get(client, "/sv/")
    assert any(
        span.text == "Osaavan työvoiman saatavuus" for span in home.find_all("span", lang="fi")
    )
    # translated text is not wrapped
    english = get(client, "/en/themes/4.3/").find("h1")
    assert english.find_all("span", lang="fi") == []
    assert english.text == "4.3 Availability of skilled labour"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Kaakkois-Suomen elinvoimakeskus (ennen: Kaakkois-Suomen ELY-keskus)"),
        (
            "sv",
            "Livskraftscentralen i Sydöstra Finland (tidigare: NTM-centralen i Sydöstra Finland)",
        ),
        ("en", "Southeast Finland Vitality Centre (formerly: Southeast Finland ELY Centre)"),
    ],
)
def test_successor_is_shown_as_coordinator_with_the_original(
    client: Client, data: PageData, language: str, expected: str
) -> None:
    goal = get(client, f"/{language}/goals/goal-4-3/")
    assert goal.find("dl", class_="coordinators").find("dd").text == expected
    theme = get(client, f"/{language}/themes/4.3/")
    assert expected in theme.find("dl", class_="coordinators").text


def test_two_coordinators_each_follow_their_successor(client: Client, data: PageData) -> None:
    coordinators = get(client, "/fi/goals/goal-4-2/").find("dl", class_="coordinators")
    assert [dd.text for dd in coordinators.find_all("dd")] == [
        "Kaakkois-Suomen elinvoimakeskus (ennen: Kaakkois-Suomen ELY-keskus)",
        "Etelä-Kymenlaakson työllisyysalue ja Kouvolan työllisyysalue"
        " (ennen: Kaakkois-Suomen TE-toimisto)",
    ]
    partner = get(client, "/fi/goals/goal-4-4/").find("dl", class_="coordinators")
    assert partner.find_all("dd")[1].text == "Kotkan kaupunki (kumppani)"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fi",
            "Etelä-Kymenlaakson työllisyysalue ja Kouvolan työllisyysalue"
            " (ennen: Kaakkois-Suomen TE-toimisto)",
        ),
        (
            "sv",
            "Etelä-Kymenlaakson työllisyysalue och Kouvola sysselsättningsområde"
            " (tidigare: TE-byrån i Sydöstra Finland)",
        ),
        (
            "en",
            "South Kymenlaakso employment area and Kouvola Employment Area"
            " (formerly: Southeast Finland TE Office)",
        ),
    ],
)
def test_a_role_passes_to_every_successor(
    client: Client, data: PageData, language: str, expected: str
) -> None:
    coordinators = get(client, f"/{language}/goals/goal-4-2/").find("dl", class_="coordinators")
    assert coordinators.find_all("dd")[1].text == expected
    page = get(client, f"/{language}/organisations/kouvolan-tyollisyysalue/")
    section = page.find("section", aria_labelledby="coordinates-heading")
    links = [a.attrs["href"] for a in section.find_all("a")]
    assert f"/{language}/goals/goal-4-2/" in links


def test_successor_not_yet_valid_keeps_the_original(client: Client, data: PageData) -> None:
    successor = data.organisations["kaakkois-suomen-elinvoimakeskus"]
    successor.valid_from = timezone.localdate() + datetime.timedelta(days=1)
    successor.save()
    text = get(client, "/fi/goals/goal-4-3/").find("dl", class_="coordinators").find("dd").text
    assert text == "Kaakkois-Suomen ELY-keskus"


def test_breadcrumbs(client: Client, data: PageData) -> None:
    nav = get(client, "/fi/goals/goal-4-3/").find("nav", class_="breadcrumbs")
    assert nav.attrs["aria-label"] == "Murupolku"
    items = nav.find("ol").find_all("li")
    assert [li.text for li in items] == [
        "Etusivu",
        "Ohjelma",
        "4.3 Osaavan työvoiman saatavuus",
        "Tavoite Osaavan työvoiman saatavuus",
    ]
    assert [li.find("a").attrs["href"] for li in items] == [
        "/fi/",
        "/fi/programme/",
        "/fi/themes/4.3/",
        "/fi/goals/goal-4-3/",
    ]
    assert [li.find("a").attrs.get("aria-current") for li in items] == [None, None, None, "page"]
    organisation = get(client, "/sv/organisations/kotkan-kaupunki/")
    crumbs = organisation.find("nav", class_="breadcrumbs").find_all("li")
    assert [li.text for li in crumbs] == ["Startsida", "Organisationer", "Kotka stad"]
    assert get(client, "/fi/").find_all("nav", class_="breadcrumbs") == []


@pytest.mark.parametrize(
    "url",
    [
        "/fi/themes/9.9/",
        "/fi/themes/4.3.1/",
        "/fi/themes/4x3/",
        "/sv/goals/no-such-goal/",
        "/en/organisations/no-such-organisation/",
        "/fi/no-such-page/",
    ],
)
def test_unknown_keys_are_404(client: Client, data: PageData, url: str) -> None:
    doc = get(client, url, status=404)
    if url.startswith("/fi/"):
        assert doc.find("h1").text == "Sivua ei löytynyt"
        assert len(doc.find_all("h1")) == 1


def test_404_page_language_links_keep_the_path(client: Client, data: PageData) -> None:
    switcher = get(client, "/sv/no-such-page/", status=404).find("nav", class_="language-switcher")
    assert [a.attrs["href"] for a in switcher.find_all("a")] == [
        "/fi/no-such-page/",
        "/sv/no-such-page/",
        "/en/no-such-page/",
    ]


def test_empty_database(client: Client, db: None) -> None:
    doc = get(client, "/fi/")
    assert doc.find("h1").text == "Kymenlaakson työllisyysohjelma"
    assert "Ohjelmaa ei ole vielä julkaistu." in doc.find("main").text
    get(client, "/fi/programme/", status=404)
    get(client, "/fi/themes/4.1/", status=404)
    get(client, "/fi/steering-group/", status=404)
    assert get(client, "/fi/organisations/").find("h1").text == "Organisaatiot"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_links_to_the_same_page(
    client: Client, data: PageData, language: str
) -> None:
    switcher = get(client, f"/{language}/themes/4.3/").find("nav", class_="language-switcher")
    links = switcher.find_all("a")
    assert [(a.text, a.attrs["lang"], a.attrs["href"]) for a in links] == [
        ("Suomi", "fi", "/fi/themes/4.3/"),
        ("Svenska", "sv", "/sv/themes/4.3/"),
        ("English", "en", "/en/themes/4.3/"),
    ]
    current = [a.attrs["lang"] for a in links if a.attrs.get("aria-current")]
    assert current == [language]


def test_nav_marks_the_current_page(client: Client, data: PageData) -> None:
    nav = get(client, "/fi/organisations/").find("nav", class_="site-nav")
    assert nav.find("a", aria_current="page").text == "Organisaatiot"
    nav = get(client, "/fi/organisations/kotkan-kaupunki/").find("nav", class_="site-nav")
    assert nav.find("a", aria_current="true").text == "Organisaatiot"
