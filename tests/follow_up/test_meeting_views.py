"""The meeting and decision pages over HTTP: who may open and post each one (anonymous, a
coordinator, a steering-group member, the programme admin), the secretary's forms, the PDF and the
public decision log."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from seuraamo.follow_up.meeting_models import Decision, DecisionStatus, Meeting
from seuraamo.programmes.models import SteeringGroupMembership
from tests.follow_up.builders import FollowUp


def client_of(user: object | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def meeting(follow_up: FollowUp) -> Meeting:
    meeting = Meeting.objects.create(
        programme=follow_up.data.programme,
        date=datetime.date(2027, 3, 12),
        reporting_round=follow_up.reporting_round,
        minutes="Luonnos pöytäkirjaksi.",
    )
    Decision.objects.create(meeting=meeting, text="Julkinen päätös.", order=1)
    Decision.objects.create(meeting=meeting, text="Luottamuksellinen.", order=2, confidential=True)
    return meeting


def secretary_pages(meeting: Meeting) -> list[str]:
    decision = meeting.decisions.first()
    return [
        "/fi/follow-up/meetings/new/",
        f"/fi/follow-up/meetings/{meeting.pk}/edit/",
        f"/fi/follow-up/meetings/{meeting.pk}/decisions/new/",
        f"/fi/follow-up/decisions/{decision.pk}/edit/",
    ]


def test_only_the_programme_admin_opens_the_secretarys_forms(
    follow_up: FollowUp, meeting: Meeting
) -> None:
    for path in secretary_pages(meeting):
        assert client_of(None).get(path).status_code == 302, path  # to sign in
        for user in (follow_up.coordinator_a, follow_up.steering, follow_up.analyst):
            assert client_of(user).get(path).status_code == 403, path
        assert client_of(follow_up.admin).get(path).status_code == 200, path


def test_only_the_programme_admin_approves_and_changes_a_status(
    follow_up: FollowUp, meeting: Meeting
) -> None:
    decision = meeting.decisions.first()
    approve = f"/fi/follow-up/meetings/{meeting.pk}/approve/"
    status = f"/fi/follow-up/decisions/{decision.pk}/status/"
    assert client_of(None).post(approve).status_code == 302
    assert client_of(None).post(status, {"status": "done"}).status_code == 302
    for user in (follow_up.coordinator_a, follow_up.steering):
        assert client_of(user).post(approve).status_code == 403
        assert client_of(user).post(status, {"status": "done"}).status_code == 403
    meeting.refresh_from_db()
    decision.refresh_from_db()
    assert meeting.minutes_approved_at is None
    assert decision.status == DecisionStatus.OPEN
    admin = client_of(follow_up.admin)
    assert admin.post(approve).status_code == 302
    assert admin.post(status, {"status": "done"}).status_code == 302
    meeting.refresh_from_db()
    decision.refresh_from_db()
    assert meeting.minutes_approved_at is not None
    assert decision.status == DecisionStatus.DONE


def test_the_secretary_creates_a_meeting_with_its_seats_and_a_decision(
    follow_up: FollowUp,
) -> None:
    admin = client_of(follow_up.admin)
    form = admin.get("/fi/follow-up/meetings/new/").content.decode()
    assert "Kotkan kaupunki (puheenjohtaja)" in form  # the seats to mark present
    seats = list(SteeringGroupMembership.objects.values_list("pk", flat=True)[:2])
    response = admin.post(
        "/fi/follow-up/meetings/new/",
        {
            "date": "2027-03-12",
            "place": "Kotka",
            "reporting_round": follow_up.reporting_round.pk,
            "attendees": seats,
            "minutes": "",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/fi/follow-up/meetings/{meeting.pk}/"
    assert sorted(meeting.attendees.values_list("pk", flat=True)) == sorted(seats)
    kouvola = follow_up.data.organisations["kouvolan-tyollisyysalue"]
    response = admin.post(
        f"/fi/follow-up/meetings/{meeting.pk}/decisions/new/",
        {"text": "Kouvola selvittää.", "responsible": kouvola.pk, "status": "open"},
    )
    assert response.status_code == 302
    assert Decision.objects.get().responsible == kouvola
    same_day = admin.post("/fi/follow-up/meetings/new/", {"date": "2027-03-12"})
    assert same_day.status_code == 400


def test_the_public_reads_approved_minutes_without_confidential_decisions(
    follow_up: FollowUp, meeting: Meeting
) -> None:
    page = f"/fi/follow-up/meetings/{meeting.pk}/"
    for user in (None, follow_up.coordinator_a):
        html = client_of(user).get(page).content.decode()
        assert "Luonnos pöytäkirjaksi." not in html
        assert "Julkinen päätös." not in html
        log = client_of(user).get("/fi/follow-up/decisions/").content.decode()
        assert "Julkinen päätös." not in log
    steering = client_of(follow_up.steering).get(page).content.decode()
    assert "Luonnos pöytäkirjaksi." in steering
    assert "Luottamuksellinen." in steering

    Meeting.objects.filter(pk=meeting.pk).update(minutes_approved_at=timezone.now())
    for user in (None, follow_up.coordinator_a):
        html = client_of(user).get(page).content.decode()
        log = client_of(user).get("/fi/follow-up/decisions/").content.decode()
        assert "Luonnos pöytäkirjaksi." in html
        assert "Julkinen päätös." in html and "Julkinen päätös." in log
        assert "Luottamuksellinen." not in html and "Luottamuksellinen." not in log
    assert (
        "Luottamuksellinen."
        in client_of(follow_up.steering).get("/fi/follow-up/decisions/").content.decode()
    )


def test_the_meeting_exports_to_pdf_with_what_the_user_may_read(
    follow_up: FollowUp, meeting: Meeting
) -> None:
    response = client_of(None).get(f"/fi/follow-up/meetings/{meeting.pk}/meeting.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "seuraamo-meeting-2027-03-12.pdf" in response["Content-Disposition"]
