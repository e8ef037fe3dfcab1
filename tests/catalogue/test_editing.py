"""Editing a service in the app: who may (the responsible or producing organisation's people, their
successors' people, the programme admins), what a save does (audit events, the last-verified date,
the status, the search columns), and that two editors never silently overwrite each other.

Built on the small constructed programme of the page tests (tests/pages/builders.py); the services
here are constructed for the tests and say so in their names."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from seuraamo.catalogue import rules
from seuraamo.catalogue.forms import ChannelFormSet, ServiceForm
from seuraamo.catalogue.models import Channel, ChannelKind, Service, ServiceStatus
from seuraamo.catalogue.services import refresh_search_text
from seuraamo.core.models import AuditEvent
from tests.pages.builders import PageData
from tests.pages.conftest import data  # noqa: F401  (the small programme the page tests use)
from tests.personas import citizen, programme_admin, service_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(data: PageData) -> Service:  # noqa: F811
    created = Service.objects.create(
        key="testipalvelu",
        name_fi="Testipalvelu nuorille (rakennettu testiä varten)",
        responsible=data.organisations["kaakkois-suomen-ely-keskus"],
        level=2,
        municipalities=["KU285"],
        status=ServiceStatus.PUBLISHED,
    )
    created.producers.set([data.organisations["kotkan-kaupunki"]])
    Channel.objects.create(service=created, kind=ChannelKind.PHONE, phone="040 123 4567")
    refresh_search_text(created)
    return created


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_data(service: Service, **changes: object) -> dict[str, object]:
    """The edit form as the browser would post it, unchanged, with `changes` applied."""
    form = ServiceForm(instance=service)
    channels = ChannelFormSet(instance=service)
    values: dict[str, object] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        value = field.prepare_value(value)
        if value is None or value is False:
            continue
        values[name] = value
    values.update(
        {
            f"{channels.prefix}-TOTAL_FORMS": str(len(channels.forms)),
            f"{channels.prefix}-INITIAL_FORMS": str(channels.initial_form_count()),
        }
    )
    for channel_form in channels.forms:
        for name, field in channel_form.fields.items():
            value = channel_form.initial.get(name, field.initial)
            if hasattr(value, "pk"):
                value = value.pk
            value = field.prepare_value(value)
            if value is None or value is False:
                continue
            values[channel_form.add_prefix(name)] = value
    values.update(changes)
    return values


def test_the_producing_organisations_people_edit_and_outsiders_get_403(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    producer = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    outsider = service_editor(data.organisations["kouvolan-tyollisyysalue"], "kouvola-editor")
    resident = citizen()  # signed in, with no role and no organisation
    url = f"/fi/services/{service.key}/edit/"
    assert signed_in(producer).get(url).status_code == 200
    assert signed_in(outsider).get(url).status_code == 403
    assert signed_in(resident).get(url).status_code == 403
    refused = signed_in(outsider).post(url, post_data(service, name_fi="Kaapattu"))
    assert refused.status_code == 403
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/fi/accounts/login/")
    service.refresh_from_db()
    assert service.name_fi.startswith("Testipalvelu")
    assert not AuditEvent.objects.filter(object_type="catalogue.service").exists()


def test_a_successors_people_edit_their_predecessors_services(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    # The ELY centre is responsible; the elinvoimakeskus succeeded it and carries its roles.
    successor = service_editor(
        data.organisations["kaakkois-suomen-elinvoimakeskus"], "elinvoima-editor"
    )
    assert rules.can_edit_service(successor, service)
    # On a day before the succession, the successor did not carry the ELY centre's roles yet.
    long_ago = timezone.localdate() - datetime.timedelta(days=365)
    assert not rules.can_edit_service(successor, service, on=long_ago)
    assert signed_in(successor).get(f"/fi/services/{service.key}/edit/").status_code == 200


def test_a_programme_admin_edits_every_service(service: Service) -> None:
    admin = programme_admin()
    assert signed_in(admin).get(f"/fi/services/{service.key}/edit/").status_code == 200


def test_a_save_is_audited_refreshes_the_search_and_confirms_the_verification(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    editor = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    client = signed_in(editor)
    response = client.post(
        f"/fi/services/{service.key}/edit/",
        post_data(
            service,
            name_sv="Testtjänst för unga",
            summary_fi="Neuvontaa maahanmuuttajille",
            languages="fi, sv",
            confirm_verified="on",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/fi/services/{service.key}/"
    service.refresh_from_db()
    assert service.name_sv == "Testtjänst för unga"
    assert service.languages == ["fi", "sv"]
    assert service.verified is True
    assert service.last_verified == timezone.localdate()
    assert service.version == 2
    event = AuditEvent.objects.get(object_type="catalogue.service")
    assert event.actor == editor
    assert event.object_key == "testipalvelu"
    assert event.before == {"name_sv": "", "summary_fi": "", "languages": [], "verified": False, "last_verified": None, "verified_by": None}  # fmt: skip
    assert event.after["last_verified"] == timezone.localdate().isoformat()
    # Checked by the editor's organisation, which the public page names (not the person).
    assert event.after["verified_by"] == "kotkan-kaupunki"
    # The search column follows the new summary at once.
    listed = Client().get("/fi/services/", {"q": "maahanmuuttajille"}).content.decode()
    assert f'href="/fi/services/{service.key}/"' in listed
    page = client.get(response["Location"]).content.decode()
    assert "Tallennettu." in page
    assert f'href="/fi/services/{service.key}/edit/"' in page


def test_channels_are_added_changed_and_removed_with_audit_events(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    editor = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    phone = service.channels.get()
    response = signed_in(editor).post(
        f"/fi/services/{service.key}/edit/",
        post_data(
            service,
            **{
                "channels-0-DELETE": "on",
                "channels-1-kind": "location",
                "channels-1-name_fi": "Testipiste",
                "channels-1-street_address": "Keskuskatu 1",
                "channels-1-postal_code": "48100",
                "channels-1-post_office": "Kotka",
                "channels-1-latitude": "60.46667",
                "channels-1-longitude": "26.94583",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    location = service.channels.get()
    assert (location.kind, location.street_address) == ("location", "Keskuskatu 1")
    events = AuditEvent.objects.filter(object_type="catalogue.channel").order_by("id")
    assert [(event.action, event.object_key) for event in events] == [
        ("delete", f"testipalvelu/channels/{phone.pk}"),
        ("create", f"testipalvelu/channels/{location.pk}"),
    ]


def test_bad_input_names_the_field_and_saves_nothing(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    editor = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    response = signed_in(editor).post(
        f"/fi/services/{service.key}/edit/",
        post_data(
            service,
            name_fi="Uusi nimi",
            min_age="30",
            max_age="18",
            **{"channels-1-kind": "web", "channels-1-name_fi": "Verkkosivu ilman osoitetta"},
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yläikäraja on alaikärajaa pienempi." in html
    assert re.search(r'id="id_max_age_error"', html)
    assert re.search(r'id="id_channels-1-url_error"', html)
    service.refresh_from_db()
    assert service.name_fi.startswith("Testipalvelu")
    assert service.channels.count() == 1
    assert not AuditEvent.objects.exists()


def test_a_stale_edit_is_refused_and_shows_both_versions(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    first = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    second = service_editor(
        data.organisations["kaakkois-suomen-elinvoimakeskus"], "elinvoima-editor"
    )
    opened_by_second = post_data(service, name_en="Second editor's name")
    saved = signed_in(first).post(
        f"/fi/services/{service.key}/edit/", post_data(service, name_en="First editor's name")
    )
    assert saved.status_code == 302
    stale = signed_in(second).post(f"/fi/services/{service.key}/edit/", opened_by_second)
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "First editor&#x27;s name" in html and "Second editor&#x27;s name" in html
    # Only what differs: the services it is reached through (none in either) are no row.
    rows = re.findall(r'<th scope="row">([^<]*)</th>', html)
    assert rows == ["Nimi (englanniksi)"]
    assert 'name="version" value="2"' in html
    service.refresh_from_db()
    assert service.name_en == "First editor's name"
    # Saving the combined form again is a deliberate second choice, and it goes through.
    again = signed_in(second).post(
        f"/fi/services/{service.key}/edit/",
        {**opened_by_second, "version": "2"},
    )
    assert again.status_code == 302
    service.refresh_from_db()
    assert service.name_en == "Second editor's name"
    assert service.version == 3


def test_a_draft_leaves_the_public_pages_and_stays_in_the_editors_list(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    editor = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    client = signed_in(editor)
    response = client.post(f"/fi/services/{service.key}/edit/", post_data(service, status="draft"))
    assert response["Location"] == f"/fi/services/{service.key}/edit/"
    assert Client().get(f"/fi/services/{service.key}/").status_code == 404
    queue = client.get("/fi/services/editing/").content.decode()
    assert f'href="/fi/services/{service.key}/edit/"' in queue
    assert "ei tarkistettu" in queue
    service.refresh_from_db()
    outdated = client.post(
        f"/fi/services/{service.key}/edit/", post_data(service, status="outdated")
    )
    assert outdated["Location"] == f"/fi/services/{service.key}/"
    assert "vanhentunut" in Client().get(outdated["Location"]).content.decode()


def test_the_editors_list_shows_only_their_services(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    outsider = service_editor(data.organisations["kouvolan-tyollisyysalue"], "kouvola-editor")
    listing = signed_in(outsider).get("/fi/services/").content.decode()
    assert 'href="/fi/services/editing/"' in listing
    assert 'href="/fi/services/editing/"' not in Client().get("/fi/services/").content.decode()
    html = signed_in(outsider).get("/fi/services/editing/").content.decode()
    assert service.key not in html
    assert Client().get("/fi/services/editing/").status_code == 302


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_edit_pages_render_in_every_language(
    data: PageData,  # noqa: F811
    service: Service,
    language: str,
) -> None:
    editor = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    client = signed_in(editor)
    expected = {"fi": "Muokkaa palvelua", "sv": "Redigera en tjänst", "en": "Edit a service"}
    page = client.get(f"/{language}/services/{service.key}/edit/").content.decode()
    assert expected[language] in page
    assert client.get(f"/{language}/services/editing/").status_code == 200


def test_a_channel_removed_meanwhile_is_named_not_silently_recreated(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    first = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    second = service_editor(
        data.organisations["kaakkois-suomen-elinvoimakeskus"], "elinvoima-editor"
    )
    # A second way to reach it, so removing the phone leaves the service publishable.
    Channel.objects.create(service=service, kind=ChannelKind.WEB, url="https://example.org/testi")
    opened_by_second = post_data(service, **{"channels-0-phone": "040 765 4321"})
    removed = signed_in(first).post(
        f"/fi/services/{service.key}/edit/", post_data(service, **{"channels-0-DELETE": "on"})
    )
    assert removed.status_code == 302
    again = signed_in(second).post(
        f"/fi/services/{service.key}/edit/", {**opened_by_second, "version": "2"}
    )
    assert again.status_code == 400
    assert "Joku muu on sillä välin muuttanut tai poistanut tämän kanavan" in again.content.decode()
    assert list(service.channels.values_list("kind", flat=True)) == ["web"]


def test_the_write_itself_refuses_outsiders_and_fields_editors_do_not_own(
    data: PageData,  # noqa: F811
    service: Service,
) -> None:
    from django.core.exceptions import PermissionDenied

    from seuraamo.catalogue.services import ServiceEdit, edit_service

    editor = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    outsider = service_editor(data.organisations["kouvolan-tyollisyysalue"], "kouvola-editor")
    with pytest.raises(PermissionDenied):
        edit_service(
            actor=outsider,
            key=service.key,
            expected_version=1,
            edit=ServiceEdit(fields={"name_fi": "Kaapattu"}),
        )
    taken = ServiceEdit(fields={"responsible": data.organisations["kouvolan-tyollisyysalue"]})
    with pytest.raises(PermissionDenied):
        edit_service(actor=editor, key=service.key, expected_version=1, edit=taken)
    service.refresh_from_db()
    assert service.responsible.key == "kaakkois-suomen-ely-keskus"
    assert service.version == 1
