"""Every service reachable, its opening hours edited as data, and its yearly check (issue 19,
part 2): the edit form refuses to publish a service with no way to reach it and names the fields;
the write refuses it too; "reached through" with its reason is a way; the week's hours typed per
weekday show in the page's language; who checked it (the organisation, never the person) and when;
the editor's due list; the reminder e-mails.

Built on the small constructed programme of the page tests, like test_editing.py."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from seuraamo.catalogue.models import Channel, ChannelKind, Service, ServiceStatus
from seuraamo.catalogue.services import ServiceEdit, edit_service
from tests.catalogue.test_editing import post_data, service, signed_in  # noqa: F401
from tests.pages.builders import PageData
from tests.pages.conftest import data  # noqa: F401
from tests.personas import person, service_editor

pytestmark = pytest.mark.django_db

REFUSAL_FI = "Julkaistulla palvelulla on oltava tapa tavoittaa se"


@pytest.fixture
def assessment(data: PageData) -> Service:  # noqa: F811
    """A published service with a web page, for another to be reached through."""
    created = Service.objects.create(
        key="testiarvio",
        name_fi="Työllisyysalueen arvio (rakennettu testiä varten)",
        responsible=data.organisations["kotkan-kaupunki"],
        level=1,
        municipalities=["KU285"],
        status=ServiceStatus.PUBLISHED,
    )
    Channel.objects.create(service=created, kind=ChannelKind.WEB, url="https://example.org/arvio")
    return created


def test_publishing_with_no_way_to_reach_is_refused_naming_the_fields(
    data: PageData,  # noqa: F811
    service: Service,  # noqa: F811
) -> None:
    client = signed_in(service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor"))
    response = client.post(
        f"/fi/services/{service.key}/edit/",
        post_data(service, name_fi="Uusi nimi", **{"channels-0-DELETE": "on"}),
    )
    assert response.status_code == 400
    html = response.content.decode()
    error = html[html.index('id="id_status_error"') :]
    assert error.index(REFUSAL_FI) < error.index("</p>")
    assert "”Kanavat”" in error[:600] and "”Palveluun ohjaudutaan”" in error[:600]
    service.refresh_from_db()
    assert (service.name_fi, service.version) != ("Uusi nimi", 2)
    assert service.channels.filter(kind=ChannelKind.PHONE).exists()  # the delete rolled back
    # As a draft it saves: a draft needs no way to reach it yet.
    saved = client.post(
        f"/fi/services/{service.key}/edit/",
        post_data(service, status="draft", **{"channels-0-DELETE": "on"}),
    )
    assert saved.status_code == 302
    assert not Service.objects.get(pk=service.pk).channels.exists()


def test_reached_through_another_service_is_a_way_and_the_page_links_to_it(
    data: PageData,  # noqa: F811
    service: Service,  # noqa: F811
    assessment: Service,
) -> None:
    client = signed_in(service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor"))
    response = client.post(
        f"/fi/services/{service.key}/edit/",
        post_data(
            service,
            reached_through=[str(assessment.pk)],
            reached_through_reason_fi="Palveluun ohjataan työllisyysalueen arvion jälkeen.",
            reached_through_reason_en="You are referred after the employment area's assessment.",
            **{"channels-0-DELETE": "on"},
        ),
    )
    assert response.status_code == 302
    for language, reason in (
        ("fi", "Palveluun ohjataan työllisyysalueen arvion jälkeen."),
        ("sv", '<span lang="fi">Palveluun ohjataan työllisyysalueen arvion jälkeen.</span>'),
        ("en", "You are referred after the employment area&#x27;s assessment."),
    ):
        page = Client().get(f"/{language}/services/{service.key}/").content.decode()
        assert f'href="/{language}/services/testiarvio/"' in page
        assert reason in page
    # The service it is reached through unpublished: no longer a way (a draft has no page).
    Service.objects.filter(pk=assessment.pk).update(status=ServiceStatus.DRAFT)
    again = client.post(
        f"/fi/services/{service.key}/edit/",
        post_data(Service.objects.get(pk=service.pk), name_fi="Uusi nimi"),
    )
    assert again.status_code == 400
    assert REFUSAL_FI in again.content.decode()


def test_the_write_itself_refuses_an_unreachable_published_service(
    data: PageData,  # noqa: F811
    service: Service,  # noqa: F811
) -> None:
    editor = service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor")
    phone = service.channels.get()
    with pytest.raises(ValidationError) as refused:
        edit_service(
            actor=editor,
            key=service.key,
            expected_version=service.version,
            edit=ServiceEdit(fields={"name_fi": "Uusi nimi"}, deleted_channels=[phone]),
        )
    assert list(refused.value.message_dict) == ["status"]
    service.refresh_from_db()
    assert service.name_fi != "Uusi nimi" and service.channels.exists()


def test_an_email_channel_and_the_weeks_hours_typed_per_weekday(
    data: PageData,  # noqa: F811
    service: Service,  # noqa: F811
) -> None:
    client = signed_in(service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor"))
    days = {f"channels-1-hours_{day}": "8–16" for day in ("MO", "TU", "WE", "TH", "FR")}
    response = client.post(
        f"/fi/services/{service.key}/edit/",
        post_data(
            service,
            **{
                "channels-1-kind": "email",
                "channels-1-email": "testi@example.org",
                "channels-1-closed_dates": "24.12.2099",
                "channels-1-hours_note_fi": "muina aikoina ajanvarauksella",
                **days,
            },
        ),
    )
    assert response.status_code == 302
    email = Channel.objects.get(service=service, kind=ChannelKind.EMAIL)
    assert email.weekly_hours["FR"] == ["08:00", "16:00"] and email.closed_dates == ["2099-12-24"]
    for language, week in (
        ("fi", "ma–pe 8.00–16.00"),
        ("sv", "mån–fre 8.00–16.00"),
        ("en", "Mon–Fri 8:00–16:00"),
    ):
        page = Client().get(f"/{language}/services/{service.key}/").content.decode()
        assert week in page
        assert "24.12.2099" in page
        assert 'href="mailto:testi@example.org"' in page
    # The form shows the stored week again, and refuses a day that closes before it opens.
    form = client.get(f"/fi/services/{service.key}/edit/").content.decode()
    assert 'name="channels-0-hours_MO" value="8.00–16.00"' in form
    wrong = client.post(
        f"/fi/services/{service.key}/edit/",
        post_data(Service.objects.get(pk=service.pk), **{"channels-0-hours_SA": "16–8"}),
    )
    assert wrong.status_code == 400
    assert "Anna aukeamisaika ja sitä myöhäisempi sulkemisaika" in wrong.content.decode()


def test_the_page_names_the_checking_organisation_never_the_person(
    data: PageData,  # noqa: F811
    service: Service,  # noqa: F811
) -> None:
    page = Client().get(f"/fi/services/{service.key}/").content.decode()
    assert "Tietoja ei ole vielä tarkistettu" in page
    editor = person(
        "checker", organisation=data.organisations["kotkan-kaupunki"], email="c@example.test"
    )
    edit_service(
        actor=editor,
        key=service.key,
        expected_version=service.version,
        edit=ServiceEdit(fields={}, confirm_verified=True),
    )
    today = timezone.localdate()
    for language, words in (
        ("fi", "Tiedot tarkistanut Kotkan kaupunki"),
        ("sv", "Uppgifterna kontrollerade av"),
        ("en", "Checked by"),
    ):
        page = Client().get(f"/{language}/services/{service.key}/").content.decode()
        assert words in page
        assert f"{today.day}.{today.month}.{today.year}" in page
        assert "Checker" not in page and "c@example.test" not in page


def test_the_editors_list_puts_services_due_for_the_yearly_check_first(
    data: PageData,  # noqa: F811
    service: Service,  # noqa: F811
    assessment: Service,
) -> None:
    today = timezone.localdate()
    Service.objects.filter(pk=assessment.pk).update(
        verified=True, last_verified=today - datetime.timedelta(days=30)
    )
    Service.objects.filter(pk=service.pk).update(
        verified=True, last_verified=today - datetime.timedelta(days=400)
    )
    client = signed_in(service_editor(data.organisations["kotkan-kaupunki"], "kotka-editor"))
    html = client.get("/fi/services/editing/").content.decode()
    due = html[html.index('id="due-heading"') : html.index('id="current-heading"')]
    current = html[html.index('id="current-heading"') :]
    assert "Testipalvelu nuorille" in due and "Työllisyysalueen arvio" not in due
    assert "Työllisyysalueen arvio" in current


def test_each_organisation_is_emailed_its_services_due_for_the_check(
    data: PageData,  # noqa: F811
    service: Service,  # noqa: F811
    assessment: Service,
) -> None:
    today = timezone.localdate()
    Service.objects.filter(pk=assessment.pk).update(verified=True, last_verified=today)
    kotka = data.organisations["kotkan-kaupunki"]
    service_editor(kotka, "kotka-editor")
    service_editor(kotka, "kotka-second")
    # Kouvola's people edit nothing here: they get no e-mail.
    service_editor(data.organisations["kouvolan-tyollisyysalue"], "kouvola-editor")
    out = io.StringIO()
    call_command("send_service_check_reminders", stdout=out)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["kotka-editor@example.test", "kotka-second@example.test"]
    message = mail.outbox[0]
    assert "vuosittainen tarkistus" in message.subject
    assert "Testipalvelu nuorille (rakennettu testiä varten) (ei koskaan tarkistettu)" in (
        message.body
    )
    assert f"/fi/services/{service.key}/edit/" in message.body
    assert "Työllisyysalueen arvio" not in message.body  # checked today
    assert out.getvalue().endswith("2 reminders sent.\n")
