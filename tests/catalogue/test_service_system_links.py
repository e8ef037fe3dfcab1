"""Issue 19 §6: the services and the guide link to the service system (chapter 3 of the programme),
and every anchor they link to is a section of that page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from seuraamo.programmes.service_system import load_service_system
from tests.catalogue.test_guide import PERSON_22_IN_KOTKA

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/(?:fi|sv|en)/service-system/(?:#([a-z-]+))?)"')


def links(html: str) -> list[tuple[str, str]]:
    """The links in the page's main content (the footer links to the page on every page)."""
    main = html[html.index("<main") : html.index("</main>")]
    return LINK.findall(main)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_catalogue_s_pages_link_to_the_service_system(
    catalogue: None, client: Client, language: str
) -> None:
    for path in ("services/", "services/monialainen-tyoelamapalvelu/"):
        found = links(client.get(f"/{language}/{path}").content.decode())
        assert (f"/{language}/service-system/", "") in found, path


def test_the_guide_s_answer_links_to_typ_ohjaamo_and_the_one_contact_principle(
    catalogue: None, client: Client
) -> None:
    load_service_system()
    answered = client.post("/en/services/guide/", PERSON_22_IN_KOTKA).content.decode()
    anchors = {anchor for _url, anchor in links(answered)}
    assert {"typ", "ohjaamo", "one-contact"} <= anchors
    target = client.get("/en/service-system/").content.decode()
    for anchor in anchors - {""}:
        assert f'<section id="{anchor}"' in target, anchor
    assert "How the services fit together:" in answered
