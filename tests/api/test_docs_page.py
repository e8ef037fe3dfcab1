"""The API's documentation as a page of the site: in the reader's language under each prefix,
rendered (no markdown backticks), linked from the main menu; endpoints and parameters as code."""

from __future__ import annotations

import pytest

from tests.pages.html import parse

#: The page's title, its first endpoint's heading and the menu link's label, in each language.
EXPECTED = {
    "fi": (
        "Tilastorajapinta",
        "Havainnot taulukon, tietosisällön, alueen ja ajanjakson mukaan rajattuina",
        "Avoin data (API)",
    ),
    "sv": (
        "Statistikgränssnitt",
        "Observationer avgränsade efter tabell, innehåll, område och period",
        "Öppna data (API)",
    ),
    "en": (
        "Statistics API",
        "Observations filtered by table, content, area and period",
        "Open data (API)",
    ),
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_api_documentation_is_in_the_page_s_language(client, db, language) -> None:
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    page = parse(response.content)
    title, first_endpoint, menu_label = EXPECTED[language]
    headings = [h.text for tag in ("h1", "h2", "h3") for h in page.find_all(tag)]
    assert title in headings and first_endpoint in headings
    assert "`" not in page.find("main").text
    # Endpoints and parameters are code; the menu leads here and says so.
    codes = {code.text for code in page.find_all("code")}
    assert {"GET /api/observations", "table", "from", "lang"} <= codes
    link = page.find("nav", class_="site-nav").find("a", href=f"/{language}/open-data/")
    assert link.text == menu_label and link.attrs.get("aria-current") == "page"


def test_no_english_prose_on_the_finnish_page(client, db) -> None:
    """The Finnish page's paragraphs and parameter descriptions are Finnish: none of the OpenAPI
    document's English sentences is left (they stay in openapi.json for programs)."""
    text = parse(client.get("/fi/open-data/").content).find("main").text
    for english in ("Stored cells", "Table id(s).", "Only these area codes", "comma-separated"):
        assert english not in text
    assert "Aluekoodit; alueet koodeineen luetellaan osoitteessa /api/areas." in text
