"""Every published service of the seed has a way to reach it, on its page in fi, sv and en for an
anonymous visitor (issue 19, part 2): its own channel (a phone number, an e-mail address, a web
page or a street address) or the published services it is reached through. The seed invents no
contact details: what the draft does not give is a draft service, or reached through another."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.test import Client

from seuraamo.catalogue.models import Channel, Service, ServiceStatus

pytestmark = pytest.mark.django_db

A_WAY = re.compile(
    r'href="(?:tel:|mailto:|https?://|/(?:fi|sv|en)/services/[a-z0-9-]+/")'
    r"|<dt>(?:Osoite|Adress|Address)</dt>"
)


def how_to_reach(page: str) -> str:
    start = page.index('id="channels-heading"')
    return page[start : page.index("</section>", start)]


def test_every_published_service_page_shows_a_way_to_reach_it(
    catalogue: None, client: Client
) -> None:
    published = list(Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("key"))
    assert len(published) == 12
    unreachable = []
    for service in published:
        for language in ("fi", "sv", "en"):
            response = client.get(f"/{language}/services/{service.key}/")
            assert response.status_code == 200
            if not A_WAY.search(how_to_reach(response.content.decode())):
                unreachable.append((service.key, language))
    assert unreachable == []


def test_typ_is_reached_through_the_employment_areas_assessment(
    catalogue: None, client: Client
) -> None:
    for language, words in (
        ("fi", "työllisyysalue arvioi"),
        ("sv", "sysselsättningsområdet bedömer"),
        ("en", "your employment area assesses"),
    ):
        section = how_to_reach(
            client.get(f"/{language}/services/monialainen-tyoelamapalvelu/").content.decode()
        )
        assert f'href="/{language}/services/tyonhakijan-palvelut-ek/"' in section
        assert f'href="/{language}/services/tyonhakijan-palvelut-kouvola/"' in section
        assert words in section


def test_what_the_draft_gives_no_way_to_reach_stays_a_draft(catalogue: None) -> None:
    drafts = Service.objects.filter(status=ServiceStatus.DRAFT)
    assert sorted(drafts.values_list("key", flat=True)) == [
        "ohjaamo-hamina",
        "ohjaamo-kouvola",
        "vaikuttavat-tyollisyyspolut",
    ]
    assert all("Draft: " in service.internal_note for service in drafts)
    # No contact detail the draft does not have: no phone number or e-mail anywhere in the seed.
    assert not Service.objects.filter(channels__phone__gt="").exists()
    assert not Service.objects.filter(channels__email__gt="").exists()


def test_the_guide_says_how_to_reach_a_service_reached_through_others(
    catalogue: None, client: Client
) -> None:
    answers = {
        "audience": "person",
        "municipality": "KU075",
        "age": "45",
        "jobseeker": "yes",
        "unemployment": "12",
        "moved": "no",
        "work_ability": "no",
        "need": "job",
    }
    html = client.post("/fi/services/guide/", answers).content.decode()
    typ = html[html.index('href="/fi/services/monialainen-tyoelamapalvelu/"') :]
    typ = typ[: typ.index("</li>")]
    # A referral-only service: asked for through the jobseeker services of Hamina's employment
    # area only (not Kouvola's), which the guide lists before it.
    assert "Palveluun pääsee näiden kautta:" in typ
    assert 'href="/fi/services/tyonhakijan-palvelut-ek/"' in typ
    assert "tyonhakijan-palvelut-kouvola" not in typ
    assert html.index('href="/fi/services/tyonhakijan-palvelut-ek/"') < html.index(
        'href="/fi/services/monialainen-tyoelamapalvelu/"'
    )
    assert "Yhteystietoja ei ole vielä kirjattu" not in typ


def test_the_migration_gives_a_catalogue_loaded_before_its_ways_to_reach(catalogue: None) -> None:
    migration = importlib.import_module(
        "seuraamo.catalogue.migrations.0007_reachable_services_and_structured_hours"
    )
    # As a catalogue loaded before: everything published, no reached-through, no added pages.
    Service.objects.update(status=ServiceStatus.PUBLISHED)
    for service in Service.objects.all():
        service.reached_through.clear()
    Channel.objects.filter(service__key="moona-kouvola").delete()
    migration.reach_services(apps, None)
    typ = Service.objects.get(key="monialainen-tyoelamapalvelu")
    assert sorted(typ.reached_through.values_list("key", flat=True)) == [
        "tyonhakijan-palvelut-ek",
        "tyonhakijan-palvelut-kouvola",
    ]
    assert typ.reached_through_reason_en.startswith("The multi-sectoral joint service (TYP)")
    [moona_page] = Channel.objects.filter(service__key="moona-kouvola")
    assert moona_page.url.startswith("https://www.kouvola.fi/hyvinvointi-ja-terveys/")
    hamina = Service.objects.get(key="ohjaamo-hamina")
    assert hamina.status == ServiceStatus.DRAFT
    assert hamina.internal_note.endswith(migration.UNPUBLISHED)
    assert Service.objects.filter(status=ServiceStatus.DRAFT).count() == 3
