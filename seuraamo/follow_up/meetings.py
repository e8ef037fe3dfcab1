"""Reads about steering-group meetings and decisions: the meeting list, one meeting with its agenda
built from the round it discusses, the decision log, the decisions that concern a goal or its
measures, and the decisions an organisation answers in its next report. Meetings are public; their
minutes and decisions once the minutes are approved (confidential decisions never); the agenda
shows a report's assessment and what it asks of the steering group only to those who may read the
report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from seuraamo.accounts.roles import AnyUser, roles_of
from seuraamo.core.models import AuditEvent
from seuraamo.follow_up import rules
from seuraamo.follow_up.documents import Document
from seuraamo.follow_up.meeting_models import (
    OPEN_DECISION_STATUSES,
    DecisionFollowUp,
    DecisionStatus,
)
from seuraamo.follow_up.models import Decision, GoalReport, Meeting
from seuraamo.follow_up.selectors import readable_document
from seuraamo.programmes.models import Goal, Programme, SteeringGroupMembership


def meetings() -> list[Meeting]:
    return list(Meeting.objects.select_related("reporting_round").order_by("-date"))


@dataclass(frozen=True)
class AgendaItem:
    report: GoalReport
    document: Document | None  # None: the user may not read the report
    awaits_decision: bool  # it asks something of the steering group and no decision answers it


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    agenda: list[AgendaItem]
    decisions: list[Decision]
    attendees: list[SteeringGroupMembership]
    minutes_readable: bool
    can_manage: bool

    @property
    def requests(self) -> list[AgendaItem]:
        """The requests to the steering group that have no decision yet."""
        return [item for item in self.agenda if item.awaits_decision and item.document]


def _asks(document: Document) -> bool:
    texts = [document.get("texts", {}).get("asks", "")]
    texts += [c.get("texts", {}).get("asks", "") for c in document.get("contributions", [])]
    return any(text.strip() for text in texts)


def meeting_page(user: AnyUser, pk: int) -> MeetingPage | None:
    meeting = (
        Meeting.objects.select_related("reporting_round")
        .prefetch_related("participants", "attendees__organisation")
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
        decided = set(
            Decision.objects.filter(report__in=reports).values_list("report_id", flat=True)
        )
        for report in sorted(reports, key=lambda r: (r.goal.theme.order, r.goal.order)):
            document = (
                readable_document(roles, report) if rules.can_read_report(roles, report) else None
            )
            awaits = document is not None and _asks(document) and report.pk not in decided
            agenda.append(AgendaItem(report, document, awaits))
    decisions = [
        decision
        for decision in meeting.decisions.select_related("meeting", "responsible", "report__goal")
        .prefetch_related("goals", "measures")
        .order_by("order", "id")
        if rules.can_read_decision(roles, decision)
    ]
    return MeetingPage(
        meeting,
        agenda,
        decisions,
        attendees=sorted(meeting.attendees.all(), key=lambda seat: (seat.order, seat.pk)),
        minutes_readable=rules.can_read_minutes(roles, meeting),
        can_manage=rules.can_manage_meetings(roles),
    )


#: Decisions anyone may read: not confidential, in minutes that are approved (rules.py).
PUBLIC_DECISIONS = rules.PUBLIC_DECISIONS


def decisions_for_goal(goal: Goal) -> list[Decision]:
    """Public decisions about the goal or any of its measures, newest first."""
    return list(
        Decision.objects.filter(PUBLIC_DECISIONS)
        .filter(Q(goals=goal) | Q(measures__goal=goal))
        .distinct()
        .select_related("meeting")
        .prefetch_related("measures")
        .order_by("-meeting__date", "order")
    )


@dataclass(frozen=True)
class StatusChange:
    at: datetime.datetime
    status: str

    @property
    def label(self) -> str:
        return (
            str(DecisionStatus(self.status).label) if self.status in DecisionStatus.values else ""
        )


@dataclass(frozen=True)
class LoggedDecision:
    decision: Decision
    history: list[StatusChange]
    is_overdue: bool


def decision_log(user: AnyUser, today: datetime.date) -> list[LoggedDecision]:
    """Every decision the user may read, newest meeting first, with its status changes (from the
    audit trail: the decision's creation and each change of its status)."""
    roles = roles_of(user)
    query = Decision.objects.select_related("meeting", "responsible").prefetch_related(
        "goals", "measures"
    )
    if not roles.reads_every_report:
        query = query.filter(PUBLIC_DECISIONS)
    decisions = list(query.order_by("-meeting__date", "order", "id"))
    events = AuditEvent.objects.filter(
        object_type=Decision._meta.label_lower,
        object_key__in=[decision.audit_key for decision in decisions],
    ).order_by("occurred_at", "id")
    history: dict[str, list[StatusChange]] = {}
    for event in events:
        status = (event.after or {}).get("status")
        if status:
            history.setdefault(event.object_key, []).append(StatusChange(event.occurred_at, status))
    return [
        LoggedDecision(
            decision,
            history.get(decision.audit_key, []),
            is_overdue=is_overdue(decision, today),
        )
        for decision in decisions
    ]


def is_overdue(decision: Decision, today: datetime.date) -> bool:
    return decision.is_open and decision.due_date is not None and decision.due_date < today


def decisions_to_answer(report: GoalReport, organisation_ids: list[int]) -> list[Decision]:
    """The decisions the organisations are responsible for that this report answers: the open ones
    and those it has already answered (not those answering a request of this very round). A
    decision linked to goals (directly, by its measures or its report) is answered in the reports
    of those goals; one linked to none in each of the organisations' reports."""
    answered = DecisionFollowUp.objects.filter(report=report).values_list("decision_id", flat=True)
    concerns_goal = (
        Q(goals=report.goal_id) | Q(measures__goal=report.goal_id) | Q(report__goal=report.goal_id)
    )
    concerns_no_goal = Q(goals=None, measures=None, report=None)
    return list(
        Decision.objects.filter(responsible_id__in=organisation_ids)
        .filter(Q(status__in=OPEN_DECISION_STATUSES) | Q(pk__in=answered))
        .filter(concerns_goal | concerns_no_goal)
        .exclude(report__reporting_round=report.reporting_round)
        .distinct()
        .select_related("meeting")
        .order_by("meeting__date", "order", "id")
    )


def meeting_of(programme: Programme, pk: int) -> Meeting | None:
    """The programme's meeting with this number, for its secretary's forms."""
    return Meeting.objects.filter(pk=pk, programme=programme).first()


def decision_of(programme: Programme, pk: int) -> Decision | None:
    """The decision with this number in one of the programme's meetings, with its meeting."""
    return (
        Decision.objects.select_related("meeting")
        .filter(pk=pk, meeting__programme=programme)
        .first()
    )
