"""Who may do what with rounds and reports: small predicates over `Roles` (accounts/roles.py).
Services call them before every write; selectors before every read."""

from __future__ import annotations

from seuraamo.accounts.roles import Role, Roles
from seuraamo.progress.models import GoalReport, ReportingRound, ReportStatus, RoundStatus

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def can_read_report(roles: Roles, report: GoalReport) -> bool:
    if roles.reads_every_report or roles.coordinates(report.goal_id):
        return True
    return report.reporting_round.status == RoundStatus.PUBLISHED


def can_edit_report(roles: Roles, report: GoalReport) -> bool:
    """Coordinators of the goal edit and submit while the round is open and the report is theirs."""
    return (
        roles.coordinates(report.goal_id)
        and report.reporting_round.status == RoundStatus.OPEN
        and report.status in EDITABLE
    )


def can_review(roles: Roles, report: GoalReport) -> bool:
    return roles.is_admin and report.reporting_round.status == RoundStatus.OPEN


def can_read_round(roles: Roles, reporting_round: ReportingRound) -> bool:
    return roles.reads_every_report or reporting_round.status == RoundStatus.PUBLISHED


def can_manage_rounds(roles: Roles) -> bool:
    return roles.is_admin


def can_comment(roles: Roles) -> bool:
    """Steering-group members and admins comment on reports."""
    return roles.is_admin or Role.STEERING_GROUP in roles.roles
