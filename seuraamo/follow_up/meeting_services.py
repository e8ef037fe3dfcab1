"""Writes about steering-group meetings and decisions. Only the programme admin (the group's
secretary) writes them; every function takes the acting user, checks the rule on the server, runs
in one transaction and audits each change. A decision's audit records are its history (shown in
the decision log). What an organisation reports back about a decision is saved with its report
(`save_decision_follow_ups`, called by the report and contribution saves)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import roles_of
from seuraamo.core.audit import record_change, snapshot
from seuraamo.follow_up import rules
from seuraamo.follow_up.meeting_models import (
    Decision,
    DecisionFollowUp,
    DecisionStatus,
    Meeting,
)
from seuraamo.follow_up.models import GoalReport, ReportingRound
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal, Measure, Programme, SteeringGroupMembership


class MeetingError(Exception):
    """A write that the state does not allow; the message is one line for the user."""


@dataclass
class MeetingDetails:
    """What the secretary writes about a meeting. The agenda is built from the round reviewed:
    its reports and the requests to the steering group that have no decision yet."""

    date: datetime.date
    place: str = ""
    reporting_round: ReportingRound | None = None
    attendees: list[SteeringGroupMembership] = field(default_factory=list)
    minutes: str = ""


@dataclass
class DecisionContent:
    text: str
    goals: list[Goal] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    report: GoalReport | None = None
    responsible: Organisation | None = None
    due_date: datetime.date | None = None
    status: str = DecisionStatus.OPEN
    confidential: bool = False


def _require_secretary(actor: User) -> None:
    if not rules.can_manage_meetings(roles_of(actor)):
        raise PermissionDenied


def _locked_meeting(meeting_id: int) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting_id)


@transaction.atomic
def save_meeting(
    *,
    actor: User,
    programme: Programme,
    details: MeetingDetails,
    meeting_id: int | None = None,
) -> Meeting:
    """Create a meeting (no `meeting_id`) or edit one: date, place, the round it reviews (its
    agenda), the steering-group seats present and the minutes. Approved minutes are final."""
    _require_secretary(actor)
    clash = Meeting.objects.filter(programme=programme, date=details.date)
    if meeting_id is not None:
        clash = clash.exclude(pk=meeting_id)
    if clash.exists():
        raise MeetingError(_("The steering group already has a meeting on this day."))
    seats = [seat for seat in details.attendees if seat.programme_id == programme.pk]
    if meeting_id is None:
        meeting = Meeting(programme=programme)
        before = None
    else:
        meeting = _locked_meeting(meeting_id)
        before = snapshot(meeting)
        if meeting.minutes_approved_at and details.minutes.strip() != meeting.minutes:
            raise MeetingError(_("The minutes are approved and can no longer be changed."))
    meeting.date = details.date
    meeting.place = details.place.strip()
    meeting.reporting_round = details.reporting_round
    meeting.minutes = details.minutes.strip()
    meeting.save()
    meeting.attendees.set(seats)
    meeting.participants.set({seat.organisation_id for seat in seats})
    record_change(actor=actor, instance=meeting, before=before, after=snapshot(meeting))
    return meeting


@transaction.atomic
def approve_minutes(*, actor: User, meeting_id: int) -> bool:
    """The minutes become public (their confidential decisions excepted); approving twice does
    nothing."""
    _require_secretary(actor)
    meeting = _locked_meeting(meeting_id)
    if meeting.minutes_approved_at is not None:
        return False
    if not meeting.minutes.strip():
        raise MeetingError(_("Write the minutes before approving them."))
    before = snapshot(meeting)
    meeting.minutes_approved_at = timezone.now()
    meeting.save(update_fields=["minutes_approved_at"])
    record_change(actor=actor, instance=meeting, before=before, after=snapshot(meeting))
    return True


@transaction.atomic
def save_decision(
    *,
    actor: User,
    meeting_id: int,
    content: DecisionContent,
    decision_id: int | None = None,
) -> Decision:
    """Record a decision of the meeting (no `decision_id`) or edit one."""
    _require_secretary(actor)
    meeting = _locked_meeting(meeting_id)
    if not content.text.strip():
        raise MeetingError(_("Write the decision first."))
    if content.status not in DecisionStatus.values:
        raise MeetingError(_("Choose the decision's status."))
    if decision_id is None:
        latest = meeting.decisions.aggregate(latest=Max("order"))["latest"]
        decision = Decision(meeting=meeting, order=(latest or 0) + 1)
        before = None
    else:
        decision = Decision.objects.select_for_update().get(pk=decision_id, meeting=meeting)
        before = snapshot(decision)
    decision.text = content.text.strip()
    decision.report = content.report
    decision.responsible = content.responsible
    decision.due_date = content.due_date
    decision.status = content.status
    decision.confidential = content.confidential
    decision.save()
    decision.goals.set(content.goals)
    decision.measures.set(content.measures)
    record_change(actor=actor, instance=decision, before=before, after=snapshot(decision))
    return decision


@transaction.atomic
def change_decision_status(*, actor: User, decision_id: int, status: str) -> bool:
    """A new status for the decision; the audit record is its history."""
    _require_secretary(actor)
    if status not in DecisionStatus.values:
        raise MeetingError(_("Choose the decision's status."))
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision_id)
    return _set_status(actor, decision, status)


def _set_status(actor: User | None, decision: Decision, status: str) -> bool:
    if decision.status == status:
        return False
    before = snapshot(decision)
    decision.status = status
    decision.save(update_fields=["status"])
    record_change(actor=actor, instance=decision, before=before, after=snapshot(decision))
    return True


@dataclass
class FollowUpAnswer:
    text: str = ""
    done: bool = False


def save_decision_follow_ups(
    *,
    actor: User,
    report: GoalReport,
    organisation_ids: Iterable[int],
    answers: dict[int, FollowUpAnswer],
) -> None:
    """What the organisations writing this report (or this part of it) did about their decisions,
    stored with the report; an answer marked done closes the decision (audited as its history).
    Runs inside the report's or contribution's save, after its permission check."""
    allowed = {
        decision.pk: decision
        for decision in Decision.objects.select_related("meeting").filter(
            pk__in=list(answers), responsible_id__in=list(organisation_ids)
        )
    }
    for decision_id, answer in answers.items():
        decision = allowed.get(decision_id)
        if decision is None:
            continue
        existing = DecisionFollowUp.objects.filter(report=report, decision=decision).first()
        if existing is None and not answer.text.strip() and not answer.done:
            continue
        row = existing or DecisionFollowUp(report=report, decision=decision)
        before = snapshot(existing) if existing else None
        row.text = answer.text.strip()
        row.marked_done = answer.done
        row.save()
        record_change(actor=actor, instance=row, before=before, after=snapshot(row))
        if answer.done and decision.is_open:
            _set_status(actor, decision, DecisionStatus.DONE)
