"""Users in each role and an open round, on top of the small programme of the page tests
(tests/pages/builders.py). Constructed test data: no real people or reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import ROLE_GROUPS, Role
from seuraamo.progress import services
from seuraamo.progress.models import GoalReport, ReportingRound
from tests.pages.builders import PageData

PASSWORD = "Kymenlaakso-testi-2026"


def make_user(key: str, *, organisation: object = None, role: Role | None = None) -> User:
    user = User.objects.create_user(
        username=key,
        email=f"{key}@example.test",
        password=PASSWORD,
        first_name=key.title(),
        organisation=organisation,
    )
    if role in ROLE_GROUPS:
        user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
    return user


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
    admin = make_user("admin", role=Role.PROGRAMME_ADMIN)
    round_ = services.open_round(admin, data.programme, period, deadline, list(data.goals.values()))
    return FollowUp(
        data=data,
        admin=admin,
        steering=make_user("steering", role=Role.STEERING_GROUP),
        analyst=make_user("analyst", role=Role.ANALYST),
        coordinator_a=make_user(
            "coordinator-a", organisation=organisations["kaakkois-suomen-elinvoimakeskus"]
        ),
        coordinator_b=make_user(
            "coordinator-b", organisation=organisations["kymenlaakson-tyollisyysjohtoryhma"]
        ),
        outsider=make_user("outsider", organisation=organisations["kotkan-kaupunki"]),
        reporting_round=round_,
    )
