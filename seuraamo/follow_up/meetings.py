"""Reads about steering-group meetings and decisions: the meeting list, one meeting with its agenda
built from the round it discusses, and the decisions that concern a goal or its measures.
Meetings and decisions of the steering group are public; the agenda shows a report's assessment
and what it asks of the steering group only to those who may read the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from seuraamo.accounts.roles import AnyUser, roles_of
from seuraamo.follow_up import rules
from seuraamo.follow_up.documents import Document
from seuraamo.follow_up.models import Decision, GoalReport, Meeting
from seuraamo.follow_up.selectors import readable_document
from seuraamo.programmes.models import Goal


def meetings() -> list[Meeting]:
    return list(Meeting.objects.select_related("reporting_round").order_by("-date"))


@dataclass(frozen=True)
class AgendaItem:
    report: GoalReport
    document: Document | None  # None: the user may not read the report


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    agenda: list[AgendaItem]
    decisions: list[Decision]


def meeting_page(user: AnyUser, pk: int) -> MeetingPage | None:
    meeting = (
        Meeting.objects.select_related("reporting_round")
        .prefetch_related("participants")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        return None
    roles = roles_of(user)
    agenda = []
    if meeting.reporting_round is not None:
        reports = (
            GoalReport.objects.filter(reporting_round=meeting.reporting_round)
            .select_related("goal__theme", "reporting_round")
            .prefetch_related("organisations", "contributions")
        )
        for report in sorted(reports, key=lambda r: (r.goal.theme.order, r.goal.order)):
            readable = rules.can_read_report(roles, report)
            agenda.append(
                AgendaItem(report, readable_document(roles, report) if readable else None)
            )
    decisions = list(meeting.decisions.prefetch_related("goals", "measures"))
    return MeetingPage(meeting, agenda, decisions)


def decisions_for_goal(goal: Goal) -> list[Decision]:
    """Decisions about the goal or any of its measures, newest first."""
    return list(
        Decision.objects.filter(Q(goals=goal) | Q(measures__goal=goal))
        .distinct()
        .select_related("meeting")
        .prefetch_related("measures")
        .order_by("-meeting__date", "order")
    )
