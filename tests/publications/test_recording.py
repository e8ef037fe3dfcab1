"""The analysts' own tools: recording a publication's figure and a Työvoimabarometri assessment in
the app (not the admin), with the source and release date; a wrong value refused naming the field;
correcting and withdrawing with history; the situation page showing what is recorded; the register
saying what each publication is missing. Figures here are constructed for the tests."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone, translation

from seuraamo.core.models import AuditEvent, DataVersion
from seuraamo.publications import entries, recording
from seuraamo.publications.models import (
    BarometerAssessment,
    Publication,
    PublicationFigure,
    PublicationFigureRevision,
)
from tests import personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english() -> object:
    """The services' messages and field names in English (the pages are asked for in Finnish)."""
    with translation.override("en"):
        yield


RELEASED = datetime.date(2026, 3, 10)
PK_URL = "https://www.yrittajat.fi/pk-yritysbarometri-kevat-2026-esimerkki"
TB_URL = "https://tyovoimabarometri.fi/esimerkki-2026-02"


def figure_entry(**changes: object) -> recording.FigureEntry:
    values: dict[str, object] = {
        "publication": Publication.objects.get(key="pk-yritysbarometri"),
        "area_code": "MK08",
        "indicator_name": "Henkilökunnan muutosodotusten saldoluku",
        "period": "2026H1",
        "value": 4.0,
        "unit": "saldoluku",
        "source_url": PK_URL,
        "released_on": RELEASED,
    }
    return recording.FigureEntry(**(values | changes))  # type: ignore[arg-type]


def assessment_entry(**changes: object) -> recording.AssessmentEntry:
    values: dict[str, object] = {
        "occupation_code": "2221",
        "occupation_name": "Sairaanhoitajat",
        "area_code": "MK08",
        "month": "2026M02",
        "state": 3,
        "severity": 4,
        "source_url": TB_URL,
        "released_on": RELEASED,
    }
    return recording.AssessmentEntry(**(values | changes))  # type: ignore[arg-type]


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


# --- services ------------------------------------------------------------------------------------


def test_recording_a_figure_audits_it_moves_the_release_and_the_data_version_on() -> None:
    analyst = personas.analyst()
    version = DataVersion.objects.values_list("number", flat=True).first() or 0
    figure = recording.record_figure(actor=analyst, entry=figure_entry())
    assert (figure.indicator, figure.period, figure.value) == (
        "henkilokunnan-muutosodotusten-saldoluku",
        "2026H1",
        4.0,
    )
    assert Publication.objects.get(key="pk-yritysbarometri").latest_release == RELEASED
    event = AuditEvent.objects.get(object_type="publications.publicationfigure")
    assert (event.action, event.actor, (event.after or {}).get("source_url")) == (
        "create",
        analyst,
        PK_URL,
    )
    assert DataVersion.objects.get().number > version


def test_a_correction_keeps_the_old_value_and_a_withdrawal_hides_the_figure() -> None:
    analyst = personas.analyst()
    figure = recording.record_figure(actor=analyst, entry=figure_entry())
    recording.correct_figure(
        actor=analyst, figure_id=figure.pk, entry=figure_entry(value=5.0, period="2026H2")
    )
    assert PublicationFigureRevision.objects.get(figure=figure).previous_value == 4.0
    recording.withdraw_figure(actor=analyst, figure_id=figure.pk, reason="Väärä julkaisu")
    figure.refresh_from_db()
    assert figure.withdrawn_at is not None and figure.withdrawal_reason == "Väärä julkaisu"
    # The history follows the figure across the corrected period.
    lines = entries.history(figure)
    assert [line.event.action for line in lines] == ["create", "update", "update"]
    assert ("value", 4.0, 5.0) in lines[1].changes
    assert ("period", "2026H1", "2026H2") in lines[1].changes
    # Withdrawn: counted nowhere, and a figure for the same period can be recorded anew.
    from seuraamo.publications.selectors import recorded_figures, register

    assert recorded_figures() == []
    assert next(e for e in register() if e.publication.key == "pk-yritysbarometri").figures == 0
    again = recording.record_figure(actor=analyst, entry=figure_entry(period="2026H2", value=6.0))
    assert again.pk == figure.pk and again.withdrawn_at is None


@pytest.mark.parametrize(
    "changes,field,words",
    [
        ({"value": 140.0}, "value", "Value"),
        ({"period": "2026-06"}, "period", "Period"),
        ({"area_code": "MK99"}, "area_code", "Area"),
        ({"released_on": timezone.localdate() + datetime.timedelta(days=2)}, "released_on", "Release date"),
        ({"indicator_name": "!!"}, "indicator_name", "Indicator"),
        ({"source_url": "ftp://example.test/x"}, "source_url", "Source address"),
    ],
)  # fmt: skip
def test_a_wrong_figure_is_refused_naming_the_field(
    changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(recording.EntryError) as refused:
        recording.record_figure(actor=personas.analyst(), entry=figure_entry(**changes))
    assert refused.value.field == field
    assert refused.value.message.startswith(words)
    assert not PublicationFigure.objects.exists()


def test_a_duplicate_figure_is_refused_and_a_coordinator_may_not_record() -> None:
    analyst = personas.analyst()
    recording.record_figure(actor=analyst, entry=figure_entry())
    with pytest.raises(recording.EntryError) as refused:
        recording.record_figure(actor=analyst, entry=figure_entry(value=9.0))
    assert refused.value.field == "period"
    with pytest.raises(PermissionDenied):
        recording.record_figure(actor=personas.steering_group_member(), entry=figure_entry())


def test_assessments_are_recorded_corrected_and_withdrawn_with_checks() -> None:
    admin = personas.programme_admin()
    row = recording.record_assessment(actor=admin, entry=assessment_entry())
    assert row.load.recorded_in_app and row.state == 3
    recording.correct_assessment(actor=admin, assessment_id=row.pk, entry=assessment_entry(state=2))
    assert BarometerAssessment.objects.get(pk=row.pk).state == 2
    wrong: list[tuple[dict[str, object], str]] = [
        ({"severity": 7}, "severity"),
        ({"month": "2026H1"}, "month"),
        ({"area_code": "MK08X"}, "area_code"),
        ({"occupation_code": "22"}, "occupation_code"),
    ]
    for changes, field in wrong:
        with pytest.raises(recording.EntryError) as refused:
            recording.record_assessment(
                actor=admin, entry=assessment_entry(**{"occupation_code": "3221", **changes})
            )
        assert refused.value.field == field
    recording.withdraw_assessment(actor=admin, assessment_id=row.pk, reason="Korjattu lähteessä")
    from seuraamo.publications.selectors import recorded_assessments

    assert recorded_assessments() == []
    assert [line.event.action for line in entries.history(row)] == ["create", "update", "update"]


def test_what_each_publication_is_missing() -> None:
    today = datetime.date(2026, 9, 15)
    assert entries.expected_period("monthly", today) == "2026M08"
    assert entries.expected_period("twice_a_year", today) == "2026H1"
    assert entries.expected_period("twice_a_year", datetime.date(2026, 3, 1)) == "2025H2"
    assert entries.expected_period("yearly", today) == "2025"
    recording.record_figure(actor=personas.analyst(), entry=figure_entry())
    missing = {s.publication.key for s in entries.publication_statuses(today) if s.missing}
    assert "pk-yritysbarometri" not in missing
    assert {"kuntabarometri", "tyovoimabarometri", "alueelliset-kehitysnakymat"} <= missing


# --- pages ---------------------------------------------------------------------------------------

PAGES = ["/fi/publications/", "/fi/publications/figures/new/", "/fi/publications/assessments/new/"]


@pytest.mark.parametrize("path", PAGES)
def test_only_analysts_and_programme_admins_open_the_pages(path: str) -> None:
    from seuraamo.organisations.models import Organisation

    organisation = Organisation.objects.create(key="testikunta", name_fi="Testikunta")
    anonymous = Client().get(path)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert signed_in(personas.coordinator(organisation)).get(path).status_code == 403
    assert signed_in(personas.analyst()).get(path).status_code == 200
    assert signed_in(personas.programme_admin()).get(path).status_code == 200


def test_a_coordinator_cannot_post_a_figure() -> None:
    from seuraamo.organisations.models import Organisation

    organisation = Organisation.objects.create(key="testikunta", name_fi="Testikunta")
    client = signed_in(personas.coordinator(organisation))
    assert client.post("/fi/publications/figures/new/", {}).status_code == 403
    assert not PublicationFigure.objects.exists()


def figure_form(**changes: str) -> dict[str, str]:
    publication = Publication.objects.get(key="pk-yritysbarometri")
    return {
        "publication": str(publication.pk),
        "indicator_name": "Henkilökunnan muutosodotusten saldoluku",
        "area_code": "MK08",
        "period": "2026H1",
        "value": "4,5",
        "unit": "saldoluku",
        "source_url": PK_URL,
        "released_on": "2026-03-10",
    } | changes


def test_an_analyst_records_both_through_the_app_and_the_situation_page_shows_them() -> None:
    client = signed_in(personas.analyst())
    answer = client.post("/fi/publications/figures/new/", figure_form())
    assert answer.status_code == 302
    tb = Publication.objects.get(key="tyovoimabarometri")
    answer = client.post(
        "/fi/publications/figures/new/",
        figure_form(
            publication=str(tb.pk),
            indicator_name="Pulaammattien määrä",
            period="2026M02",
            value="12",
            unit="ammattia",
            source_url=TB_URL,
        ),
    )
    assert answer.status_code == 302
    answer = client.post(
        "/fi/publications/assessments/new/",
        {
            "occupation_code": "2221",
            "occupation_name": "Sairaanhoitajat",
            "area_code": "MK08",
            "month": "2026M02",
            "state": "3",
            "severity": "4",
            "source_url": TB_URL,
            "released_on": "2026-03-10",
        },
    )
    assert answer.status_code == 302
    page = Client().get("/fi/situation/").content.decode()
    assert "Henkilökunnan muutosodotusten saldoluku" in page and "4,5 saldoluku" in page
    assert "Pulaammattien määrä" in page and "12 ammattia" in page
    assert PK_URL in page and TB_URL in page
    assert "10. maaliskuuta 2026" in page
    assert "Sairaanhoitajat" in page and "helmikuu 2026" in page
    # The entry's page shows its history.
    figure = PublicationFigure.objects.get(publication__key="pk-yritysbarometri")
    entry = client.get(f"/fi/publications/figures/{figure.pk}/").content.decode()
    assert "analyst" in entry and PK_URL in entry


def test_a_wrong_value_is_refused_with_a_message_naming_the_field() -> None:
    client = signed_in(personas.analyst())
    answer = client.post("/fi/publications/figures/new/", figure_form(value="140", unit="%"))
    assert answer.status_code == 400
    errors = answer.context["form"].errors
    assert list(errors) == ["value"]
    page = answer.content.decode()
    assert "Arvo:" in page
    answer = client.post("/fi/publications/figures/new/", figure_form(period="kesäkuu"))
    assert list(answer.context["form"].errors) == ["period"]
    assert not PublicationFigure.objects.exists()


def test_withdrawing_through_the_page_keeps_the_row_and_shows_why() -> None:
    analyst = personas.analyst()
    figure = recording.record_figure(actor=analyst, entry=figure_entry())
    client = signed_in(analyst)
    url = f"/fi/publications/figures/{figure.pk}/withdraw/"
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Väärä alue"}).status_code == 302
    page = client.get(f"/fi/publications/figures/{figure.pk}/").content.decode()
    assert "Väärä alue" in page and 'id="withdrawn"' in page
    assert PublicationFigure.objects.filter(pk=figure.pk, withdrawn_at__isnull=False).exists()
    assert "Väärä alue" not in Client().get("/fi/situation/").content.decode()


def test_the_register_lists_what_each_publication_is_missing() -> None:
    page = signed_in(personas.analyst()).get("/fi/publications/").content.decode()
    assert 'id="missing-kuntabarometri"' in page and 'id="missing-pk-yritysbarometri"' in page
