"""Meetings and decisions written through meeting_services: only the secretary (programme admin)
writes; approved minutes are public and final; a decision's status changes are its history; the
responsible organisation answers for its open decisions in its next report, and marking one done
closes the decision."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from seuraamo.core.models import AuditEvent
from seuraamo.follow_up import meeting_services, services
from seuraamo.follow_up.forms import ContributionForm, ReportForm
from seuraamo.follow_up.meeting_models import Decision, DecisionFollowUp, DecisionStatus, Meeting
from seuraamo.follow_up.meeting_services import (
    DecisionContent,
    FollowUpAnswer,
    MeetingDetails,
    MeetingError,
)
from seuraamo.follow_up.meetings import decision_log, decisions_for_goal
from seuraamo.follow_up.services import ContributionContent, ReportContent
from seuraamo.programmes.models import SteeringGroupMembership
from tests.follow_up.builders import FollowUp

TODAY = datetime.date(2027, 3, 20)


def meeting_of(follow_up: FollowUp, **fields: object) -> Meeting:
    values: dict[str, object] = {
        "date": datetime.date(2027, 3, 12),
        "place": "Kouvolan kaupungintalo",
        "reporting_round": follow_up.reporting_round,
        "attendees": list(SteeringGroupMembership.objects.all()[:2]),
        "minutes": "Kokous avattiin klo 9.",
    }
    details = MeetingDetails(**(values | fields))  # type: ignore[arg-type]
    return meeting_services.save_meeting(
        actor=follow_up.admin, programme=follow_up.data.programme, details=details
    )


def decision_of(follow_up: FollowUp, meeting: Meeting, **fields: object) -> Decision:
    content = DecisionContent(**({"text": "Selvitetään Ohjaamon aukioloajat."} | fields))  # type: ignore[arg-type]
    return meeting_services.save_decision(
        actor=follow_up.admin, meeting_id=meeting.pk, content=content
    )


def test_only_the_secretary_writes_meetings_and_decisions(follow_up: FollowUp) -> None:
    meeting = meeting_of(follow_up)
    for user in (follow_up.steering, follow_up.analyst, follow_up.coordinator_a):
        with pytest.raises(PermissionDenied):
            meeting_services.save_meeting(
                actor=user,
                programme=follow_up.data.programme,
                details=MeetingDetails(date=datetime.date(2027, 4, 1)),
            )
        with pytest.raises(PermissionDenied):
            meeting_services.approve_minutes(actor=user, meeting_id=meeting.pk)
        with pytest.raises(PermissionDenied):
            meeting_services.save_decision(
                actor=user, meeting_id=meeting.pk, content=DecisionContent(text="Ei saa.")
            )
    assert Meeting.objects.count() == 1
    assert not Decision.objects.exists()
    assert meeting.minutes_approved_at is None


def test_the_meeting_records_seats_and_minutes_that_become_public_and_final(
    follow_up: FollowUp,
) -> None:
    meeting = meeting_of(follow_up)
    seats = list(SteeringGroupMembership.objects.all()[:2])
    assert set(meeting.attendees.all()) == set(seats)
    assert set(meeting.participants.all()) == {seat.organisation for seat in seats}
    public = Client().get(f"/fi/follow-up/meetings/{meeting.pk}/").content.decode()
    assert "Kokous avattiin klo 9." not in public
    assert "Kouvolan kaupungintalo" in public

    assert meeting_services.approve_minutes(actor=follow_up.admin, meeting_id=meeting.pk)
    assert not meeting_services.approve_minutes(actor=follow_up.admin, meeting_id=meeting.pk)
    public = Client().get(f"/fi/follow-up/meetings/{meeting.pk}/").content.decode()
    assert "Kokous avattiin klo 9." in public
    with pytest.raises(MeetingError):
        meeting_services.save_meeting(
            actor=follow_up.admin,
            programme=follow_up.data.programme,
            meeting_id=meeting.pk,
            details=MeetingDetails(date=meeting.date, minutes="Muutettu pöytäkirja."),
        )
    actions = list(
        AuditEvent.objects.filter(object_type="progress.meeting").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]


def test_minutes_cannot_be_approved_empty_and_two_meetings_cannot_share_a_day(
    follow_up: FollowUp,
) -> None:
    meeting = meeting_of(follow_up, minutes="")
    with pytest.raises(MeetingError):
        meeting_services.approve_minutes(actor=follow_up.admin, meeting_id=meeting.pk)
    with pytest.raises(MeetingError):
        meeting_of(follow_up)


def test_a_decision_status_history_and_the_public_log(follow_up: FollowUp) -> None:
    data = follow_up.data
    meeting = meeting_of(follow_up)
    kouvola = data.organisations["kouvolan-tyollisyysalue"]
    late = decision_of(
        follow_up,
        meeting,
        responsible=kouvola,
        due_date=datetime.date(2027, 3, 1),
        goals=[data.goals["4.4"]],
    )
    secret = decision_of(follow_up, meeting, text="Henkilöstöasia.", confidential=True)
    assert (late.order, secret.order) == (1, 2)

    # Before the minutes are approved, the public sees no decisions; the steering group does.
    assert decision_log(follow_up.steering, TODAY)
    assert decision_log(_anonymous(), TODAY) == []
    assert decisions_for_goal(data.goals["4.4"]) == []

    meeting_services.approve_minutes(actor=follow_up.admin, meeting_id=meeting.pk)
    assert meeting_services.change_decision_status(
        actor=follow_up.admin, decision_id=late.pk, status=DecisionStatus.IN_PROGRESS
    )
    assert not meeting_services.change_decision_status(
        actor=follow_up.admin, decision_id=late.pk, status=DecisionStatus.IN_PROGRESS
    )
    public = decision_log(_anonymous(), TODAY)
    assert [row.decision for row in public] == [late]
    assert [change.status for change in public[0].history] == ["open", "in_progress"]
    assert public[0].is_overdue
    assert decisions_for_goal(data.goals["4.4"]) == [late]
    with pytest.raises(PermissionDenied):
        meeting_services.change_decision_status(
            actor=follow_up.steering, decision_id=late.pk, status=DecisionStatus.DONE
        )
    meeting_services.change_decision_status(
        actor=follow_up.admin, decision_id=late.pk, status=DecisionStatus.DONE
    )
    assert not decision_log(_anonymous(), TODAY)[0].is_overdue
    steering_view = {row.decision for row in decision_log(follow_up.steering, TODAY)}
    assert steering_view == {late, secret}


def _anonymous() -> object:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_the_lead_organisation_answers_its_decision_in_its_next_report(
    follow_up: FollowUp,
) -> None:
    data = follow_up.data
    group = data.organisations["kymenlaakson-tyollisyysjohtoryhma"]  # leads 4.1 alone
    meeting = meeting_of(follow_up)
    decision = decision_of(follow_up, meeting, responsible=group)
    other = decision_of(follow_up, meeting, responsible=data.organisations["kotkan-kaupunki"])
    report = follow_up.report("4.1")
    form = ReportForm(report)
    assert [row[0] for row in form.decision_rows] == [decision]
    assert not ReportForm(follow_up.report("4.3")).decision_rows  # another organisation's

    services.save_report(
        actor=follow_up.coordinator_b,
        report_id=report.pk,
        expected_version=report.version,
        content=ReportContent(
            assessment="partly",
            decisions={
                decision.pk: FollowUpAnswer("Aukioloajat selvitetty.", done=True),
                other.pk: FollowUpAnswer("Ei meidän päätöksemme.", done=True),
            },
        ),
    )
    decision.refresh_from_db()
    other.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert other.status == DecisionStatus.OPEN  # not this organisation's to answer
    assert list(DecisionFollowUp.objects.values_list("decision", "text", "marked_done")) == [
        (decision.pk, "Aukioloajat selvitetty.", True)
    ]
    # The answer stays in the form after the decision is done, and is part of the report.
    assert [row[0] for row in ReportForm(report).decision_rows] == [decision]
    page = Client()
    page.force_login(follow_up.coordinator_b)
    html = page.get(f"/fi/follow-up/reports/{report.pk}/").content.decode()
    assert "Aukioloajat selvitetty." in html


def test_an_organisation_answers_in_its_own_part_of_a_shared_report(follow_up: FollowUp) -> None:
    data = follow_up.data
    kouvola = data.organisations["kouvolan-tyollisyysalue"]
    meeting = meeting_of(follow_up)
    decision = decision_of(follow_up, meeting, responsible=kouvola, goals=[data.goals["4.4"]])
    report = follow_up.report("4.4")
    assert not ReportForm(report).decision_rows  # shared: answered in the parts
    parts = {c.organisation_id: c for c in report.contributions.all()}
    part = parts[kouvola.pk]
    assert [row[0] for row in ContributionForm(part).decision_rows] == [decision]
    other_goal = follow_up.report("4.2").contributions.filter(organisation=kouvola).first()
    if other_goal is not None:  # linked to goal 4.4: not asked in the goal 4.2 report
        assert not ContributionForm(other_goal).decision_rows

    user = follow_up.coordinator_a.__class__.objects.create_user(
        username="kouvola", email="kouvola@example.test", organisation=kouvola
    )
    services.save_contribution(
        actor=user,
        contribution_id=part.pk,
        expected_version=part.version,
        content=ContributionContent(
            decisions={decision.pk: FollowUpAnswer("Aloitettu.", done=False)}
        ),
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN
    assert DecisionFollowUp.objects.get().text == "Aloitettu."
