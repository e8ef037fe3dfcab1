"""Issue 19 §6: the service system (chapter 3 of the programme) as editable pages in fi, sv and en.
The loader fills an empty table from its data file once and never overwrites an edit; the pages
show the Finnish original and mark the Swedish and English texts as translations; only the
programme admin edits, through an audited service that refuses a lost update."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client

from seuraamo.core.conflicts import ConflictError
from seuraamo.core.models import AuditEvent
from seuraamo.organisations.models import Organisation
from seuraamo.programmes import services
from seuraamo.programmes.models import ProgrammeSection
from seuraamo.programmes.service_system import (
    ServiceSystemFileError,
    load_service_system,
    read_sections,
)
from seuraamo.programmes.services import SectionText
from tests import personas

pytestmark = pytest.mark.django_db

#: Sentences of chapter 3 as the programme document writes them (kymenlaakso-tyollisyysohjelma-2021).
TYP_CLIENTS = (
    "asiakasryhmänä ovat kaikki TE-toimiston tuetun työllistymisen ja monialaisen palvelutarpeen "
    "työnhakija-asiakkaat"
)
TYP_PARTIES = "Sopijaosapuolina ovat TE-toimisto, Kymsote, Kela ja Kymsoten kunnat."
ONE_CONTACT = "ns. yhden yhteydenoton periaatteella"
PLAN = "vuosittain yritysasiakkuussuunnitelma ELY-keskuksen koordinoimana"


def load() -> None:
    call_command("load_service_system", stdout=io.StringIO())


def text_of(section: ProgrammeSection, **changes: str) -> SectionText:
    fields = {name: getattr(section, name) for name in SectionText.__dataclass_fields__}
    return SectionText(**{**fields, **changes})


def city() -> Organisation:
    return Organisation.objects.get_or_create(key="kotkan-kaupunki", name_fi="Kotkan kaupunki")[0]


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_file_holds_chapter_3_in_three_languages() -> None:
    sections = {section.key: section for section in read_sections()}
    assert list(sections) == [
        *("employment-services", "actors", "official-work", "typ", "ohjaamo", "moona"),
        *("business-services", "one-contact"),
    ]
    assert TYP_CLIENTS in sections["typ"].body_fi
    assert TYP_PARTIES in sections["typ"].body_fi
    assert "viranomaistyönä" in sections["official-work"].body_fi
    assert "alle 30-vuotiaat" in sections["ohjaamo"].body_fi
    assert "Kouvolan ja Kotkan yhteinen hanke" in sections["moona"].body_fi
    assert "Business Finland ja Finnvera" in sections["business-services"].body_fi
    assert ONE_CONTACT in sections["one-contact"].body_fi
    assert PLAN in sections["one-contact"].body_fi
    for section in sections.values():
        assert section.title_sv and section.body_sv and section.title_en and section.body_en
        assert section.source.startswith("Kymenlaakson työllisyysohjelma 2021, luku 3")


def test_the_loader_fills_an_empty_table_once() -> None:
    load()
    assert ProgrammeSection.objects.count() == 8
    out = io.StringIO()
    call_command("load_service_system", stdout=out)
    assert "left as they are" in out.getvalue()
    assert ProgrammeSection.objects.count() == 8


def test_the_loader_never_overwrites_an_edit_nor_restores_a_deleted_section() -> None:
    load()
    typ = ProgrammeSection.objects.get(key="typ")
    services.save_programme_section(
        actor=personas.programme_admin(),
        key="typ",
        expected_version=typ.version,
        text=text_of(typ, body_fi="Päivitetty kuvaus."),
    )
    ProgrammeSection.objects.filter(key="moona").delete()
    call_command("load_initial_data", stdout=io.StringIO())
    assert ProgrammeSection.objects.get(key="typ").body_fi == "Päivitetty kuvaus."
    assert not ProgrammeSection.objects.filter(key="moona").exists()


def test_a_bad_file_is_refused_naming_the_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "sections.yaml"
    bad.write_text("sections:\n  - key: typ\n    title: {sv: Bara svenska}\n    body: {fi: x}\n")
    with pytest.raises(ServiceSystemFileError, match=r"sections.yaml:sections\[0\].title: "):
        load_service_system(bad)
    assert not ProgrammeSection.objects.exists()


def test_the_finnish_page_shows_the_original_with_anchors() -> None:
    load()
    html = Client().get("/fi/service-system/").content.decode()
    assert "<h1>Palvelujärjestelmä</h1>" in html
    for key in ("typ", "ohjaamo", "moona", "business-services", "one-contact"):
        assert f'id="{key}"' in html and f'href="#{key}"' in html
    text = visible(html)
    assert TYP_PARTIES in text and ONE_CONTACT in text
    assert "Lähde:" in text and "Teksti on ohjelman omaa" in text
    assert "Käännös" not in text
    assert "1.1.2025 alkaen työllisyysalueille" in text


def test_the_swedish_page_is_in_swedish_and_marked_a_translation() -> None:
    load()
    html = Client().get("/sv/service-system/").content.decode()
    text = visible(html)
    assert "<h1>Servicesystemet</h1>" in html
    assert "Översättning av den finska originaltexten: Seuraamo" in text
    assert "Avtalsparter är TE-byrån, Kymsote, FPA och kommunerna inom Kymsote." in text
    assert "principen om en enda kontakt" in text
    assert TYP_PARTIES not in text  # the Finnish original is not shown in its place
    # The source is the Finnish document's title, marked as Finnish.
    assert '<span lang="fi">Kymenlaakson työllisyysohjelma 2021, luku 3' in html


def test_the_english_page_is_marked_a_translation_and_falls_back_to_finnish_marked() -> None:
    load()
    ProgrammeSection.objects.filter(key="moona").update(body_en="")
    html = Client().get("/en/service-system/").content.decode()
    assert "Translated from the Finnish original by Seuraamo" in visible(html)
    assert "The parties to the agreement are the TE office, Kymsote, Kela" in visible(html)
    assert '<div lang="fi"><p>Kymenlaaksossa toimii hankerahoituksen avulla' in html


def test_only_the_programme_admin_edits_a_section() -> None:
    load()
    url = "/fi/service-system/typ/edit/"
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/fi/accounts/login/")
    for person in (personas.coordinator(city()), personas.citizen()):
        client = Client()
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"version": 1, "title_fi": "x", "body_fi": "x"}).status_code == 403
    assert ProgrammeSection.objects.get(key="typ").title_fi == "Monialainen työelämäpalvelu (TYP)"
    coordinator_page = Client()
    coordinator_page.force_login(personas.coordinator(city(), key="other"))
    assert "/edit/" not in coordinator_page.get("/fi/service-system/").content.decode()
    with pytest.raises(PermissionDenied):
        services.save_programme_section(
            actor=personas.steering_group_member(),
            key="typ",
            expected_version=1,
            text=SectionText(title_fi="x", body_fi="x"),
        )


def test_the_programme_admin_saves_an_edit_that_the_page_shows_and_the_audit_records() -> None:
    load()
    admin = Client()
    admin.force_login(personas.programme_admin())
    page = admin.get("/fi/service-system/").content.decode()
    assert 'href="/fi/service-system/typ/edit/"' in page
    form = admin.get("/fi/service-system/typ/edit/")
    assert form.status_code == 200
    typ = ProgrammeSection.objects.get(key="typ")
    data = {name: getattr(typ, name) for name in SectionText.__dataclass_fields__}
    data["body_fi"] = (
        typ.body_fi + "\n\n- Ohjaus työllisyysalueen arvion kautta\n- <b>ei HTML:ää</b>"
    )
    response = admin.post("/fi/service-system/typ/edit/", {**data, "version": typ.version})
    assert response.status_code == 302
    assert response["Location"] == "/fi/service-system/#typ"
    html = Client().get("/fi/service-system/").content.decode()
    assert "<li>Ohjaus työllisyysalueen arvion kautta</li>" in html
    assert "&lt;b&gt;ei HTML:ää&lt;/b&gt;" in html and "<b>ei" not in html
    assert "Muokattu Seuraamossa" in html
    event = AuditEvent.objects.filter(
        object_type="programmes.programmesection", action="update"
    ).get()
    assert event.object_key == "typ" and "body_fi" in (event.after or {})


def test_a_save_over_a_newer_version_is_refused_and_keeps_the_editor_s_text() -> None:
    load()
    typ = ProgrammeSection.objects.get(key="typ")
    admin = personas.programme_admin()
    services.save_programme_section(
        actor=admin, key="typ", expected_version=typ.version, text=text_of(typ, title_sv="Ny")
    )
    with pytest.raises(ConflictError):
        services.save_programme_section(
            actor=admin, key="typ", expected_version=typ.version, text=text_of(typ, title_en="X")
        )
    client = Client()
    client.force_login(admin)
    data = {name: getattr(typ, name) for name in SectionText.__dataclass_fields__}
    response = client.post(
        "/fi/service-system/typ/edit/", {**data, "title_en": "Mine", "version": typ.version}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'class="saved-version">Ny<' in html and 'value="Mine"' in html
    assert ProgrammeSection.objects.get(key="typ").title_en != "Mine"
