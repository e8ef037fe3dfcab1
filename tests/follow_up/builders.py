"""Users in each role (tests/personas.py) and an open round, on top of the small programme of the
page tests (tests/pages/builders.py). Constructed test data: no real people or reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from seuraamo.accounts.models import User
from seuraamo.follow_up import services
from seuraamo.follow_up.models import GoalReport, ReportingRound
from tests.pages.builders import PageData
from tests.personas import (
    analyst,
    coordinator,
    person,
    programme_admin,
    steering_group_member,
)

__all__ = ["FollowUp", "build_follow_up"]


@dataclass
class FollowUp:
    data: PageData
    admin: User
    steering: User
    analyst: User
    # coordinator of goal 4.2 and 4.3 through the elinvoimakeskus (successor of the ELY centre)
    coordinator_a: User
    # coordinator of goal 4.1 (the steering group's secretariat organisation)
    coordinator_b: User
    outsider: User
    reporting_round: ReportingRound

    def report(self, number: str) -> GoalReport:
        return GoalReport.objects.get(
            reporting_round=self.reporting_round, goal=self.data.goals[number]
        )


def build_follow_up(data: PageData, deadline: datetime.date, period: str = "2026H1") -> FollowUp:
    organisations = data.organisations
    admin = programme_admin()
    round_ = services.open_round(
        actor=admin,
        programme=data.programme,
        period=period,
        deadline=deadline,
        goals=list(data.goals.values()),
    )
    return FollowUp(
        data=data,
        admin=admin,
        steering=steering_group_member(),
        analyst=analyst(),
        coordinator_a=coordinator(
            organisations["kaakkois-suomen-elinvoimakeskus"], "coordinator-a"
        ),
        coordinator_b=coordinator(
            organisations["kymenlaakson-tyollisyysjohtoryhma"], "coordinator-b"
        ),
        # a user of a partner organisation: coordinates none of the round's goals
        outsider=person("outsider", organisation=organisations["kotkan-kaupunki"]),
        reporting_round=round_,
    )
