"""Who may do what with rounds and reports: small predicates over `Roles` (accounts/roles.py).
Services call them before every write; selectors before every read.

The publication rule lives here once: a report is public when it is accepted and its round is
published (`is_public`, `PUBLIC_REPORTS` for queries). Drafts, submitted and returned reports are
read only by the organisations that write them and the admins; steering-group members and analysts
read a report once it is submitted. The compiled report holds accepted reports only
(`COMPILED_REPORTS`)."""

from __future__ import annotations

from django.db.models import Q

from seuraamo.accounts.roles import Role, Roles
from seuraamo.follow_up.models import (
    Contribution,
    Decision,
    GoalReport,
    Meeting,
    ReportingRound,
    ReportStatus,
    RoundStatus,
)

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
#: Reports the steering group has before it: submitted for review, or accepted.
BEFORE_THE_STEERING_GROUP = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)

#: The reports anyone may read, as a query: accepted, in a published round.
PUBLIC_REPORTS = Q(status=ReportStatus.ACCEPTED, reporting_round__status=RoundStatus.PUBLISHED)
#: The reports a compiled report (HTML, PDF, XLSX) holds: the accepted ones.
COMPILED_REPORTS = Q(status=ReportStatus.ACCEPTED)
#: Decisions anyone may read (the decision log, goal pages, the compiled report): not
#: confidential, in minutes that are approved.
PUBLIC_DECISIONS = Q(confidential=False, meeting__minutes_approved_at__isnull=False)


def is_public(report: GoalReport) -> bool:
    return (
        report.status == ReportStatus.ACCEPTED
        and report.reporting_round.status == RoundStatus.PUBLISHED
    )


def organisation_ids_of(report: GoalReport) -> list[int]:
    """The report's coordinating organisations, lead first (prefetch `organisations`)."""
    return [row.organisation_id for row in report.organisations.all()]


def writes_report(roles: Roles, report: GoalReport) -> bool:
    """Whether the user acts for one of the organisations that coordinate the report's goal in
    its round (directly, or as a successor that carries its role today)."""
    return roles.acts_for_any(organisation_ids_of(report))


def leads_report(roles: Roles, report: GoalReport) -> bool:
    """The lead organisation writes the overall assessment and submits the report."""
    ids = organisation_ids_of(report)
    return bool(ids) and roles.acts_for_any(ids[:1])


def can_read_report(roles: Roles, report: GoalReport) -> bool:
    if roles.is_admin or writes_report(roles, report) or is_public(report):
        return True
    return roles.reads_every_report and report.status in BEFORE_THE_STEERING_GROUP


def can_edit_report(roles: Roles, report: GoalReport) -> bool:
    """The lead organisation edits and submits while the round is open and the report is theirs."""
    return (
        leads_report(roles, report)
        and report.reporting_round.status == RoundStatus.OPEN
        and report.status in EDITABLE
    )


def can_read_contribution(roles: Roles, report: GoalReport, contribution: Contribution) -> bool:
    """Its own organisation and the admins read a contribution at any time; others once it is
    signed off and they may read the report."""
    if roles.is_admin or roles.acts_for_any([contribution.organisation_id]):
        return True
    return contribution.is_signed_off and can_read_report(roles, report)


def can_edit_contribution(roles: Roles, report: GoalReport, contribution: Contribution) -> bool:
    """Its organisation edits, signs off and withdraws the sign-off while the report is editable."""
    return (
        roles.acts_for_any([contribution.organisation_id])
        and report.reporting_round.status == RoundStatus.OPEN
        and report.status in EDITABLE
    )


def can_review(roles: Roles, report: GoalReport) -> bool:
    return roles.is_admin and report.reporting_round.status == RoundStatus.OPEN


def can_read_round(roles: Roles, reporting_round: ReportingRound) -> bool:
    return roles.reads_every_report or reporting_round.status == RoundStatus.PUBLISHED


def can_manage_rounds(roles: Roles) -> bool:
    return roles.is_admin


def can_read_comments(roles: Roles, report: GoalReport) -> bool:
    """The steering group's comments are for the group, the admins and the report's writers."""
    return roles.reads_every_report or writes_report(roles, report)


def can_read_attention(roles: Roles) -> bool:
    """What needs the steering group's attention (attention.py) is for the group, the admins and
    the analysts: it names late organisations and decisions not yet public."""
    return roles.reads_every_report


def can_comment(roles: Roles) -> bool:
    """Steering-group members and admins comment on reports."""
    return roles.is_admin or Role.STEERING_GROUP in roles.roles


# --- meetings and decisions -----------------------------------------------------------------------


def can_manage_meetings(roles: Roles) -> bool:
    """The programme admin is the steering group's secretary: records meetings and decisions."""
    return roles.is_admin


def can_read_minutes(roles: Roles, meeting: Meeting) -> bool:
    """Minutes are public once approved; before that the steering group and the admins read them."""
    return meeting.minutes_approved_at is not None or roles.reads_every_report


def can_read_decision(roles: Roles, decision: Decision) -> bool:
    """A confidential decision stays with the steering group, the admins and the analysts; the rest
    are public once the meeting's minutes are approved."""
    if roles.reads_every_report:
        return True
    return not decision.confidential and decision.meeting.minutes_approved_at is not None


# --- projects ---------------------------------------------------------------------------------------


def can_add_project(roles: Roles) -> bool:
    """A coordinator registers its own organisation's projects; the programme admin any."""
    return roles.is_admin or bool(roles.organisation_ids)


def can_edit_project(roles: Roles, owner_id: int | None) -> bool:
    """The owner organisation's people (and those of its successors) and the programme admin."""
    return roles.is_admin or (owner_id is not None and roles.acts_for_any([owner_id]))
