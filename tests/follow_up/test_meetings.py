"""Steering-group meetings: the agenda built from the round (each report's asks for those who may
read it), decisions linked to goals and measures and shown on their pages."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from seuraamo.follow_up import services
from seuraamo.follow_up.models import Decision, Meeting
from seuraamo.follow_up.services import ReportContent
from tests.follow_up.builders import FollowUp


def test_agenda_and_decisions_on_the_goal_pages(follow_up: FollowUp) -> None:
    data = follow_up.data
    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(
            assessment="off_track", texts={"asks": "Lisärahoitusta koulutuksiin."}
        ),
    )
    services.submit_report(
        actor=follow_up.coordinator_a, report_id=report.pk
    )  # before the steering group now
    meeting = Meeting.objects.create(
        programme=data.programme,
        date=datetime.date(2027, 3, 12),
        reporting_round=follow_up.reporting_round,
        minutes="Pöytäkirja.",
        minutes_approved_at=timezone.now(),  # its decisions are public
    )
    meeting.participants.add(data.organisations["kotkan-kaupunki"])
    decision = Decision.objects.create(meeting=meeting, text="Koulutuksiin haetaan lisärahoitusta.")
    decision.measures.add(data.goals["4.3"].measures.first())

    steering = Client()
    steering.force_login(follow_up.steering)
    agenda = steering.get(f"/fi/follow-up/meetings/{meeting.pk}/").content.decode()
    assert "Lisärahoitusta koulutuksiin." in agenda
    assert "Kotkan kaupunki" in agenda
    public = Client().get(f"/fi/follow-up/meetings/{meeting.pk}/").content.decode()
    assert data.goals["4.3"].title_fi in public
    assert "Lisärahoitusta koulutuksiin." not in public  # the round is not published

    goal_page = Client().get(f"/fi/goals/{data.goals['4.3'].key}/").content.decode()
    assert "päätetty 12.3.2027</a>: Koulutuksiin haetaan lisärahoitusta." in goal_page
    assert (
        "Koulutuksiin haetaan"
        not in Client().get(f"/fi/goals/{data.goals['4.1'].key}/").content.decode()
    )
    swedish = Client().get(f"/sv/follow-up/goals/{data.goals['4.3'].key}/").content.decode()
    assert "beslutat 12.3.2027" in swedish
