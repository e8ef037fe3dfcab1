"""Writes of the half-year follow-up. Every function takes the acting user, checks the rules on the
server, runs in one transaction and audits each change (core.audit.record_change)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import roles_of
from seuraamo.core.audit import record_change, snapshot
from seuraamo.core.conflicts import ConflictError
from seuraamo.follow_up import rules
from seuraamo.follow_up.documents import build_document, official_values_at, period_end
from seuraamo.follow_up.labour_market import frozen_summary
from seuraamo.follow_up.meeting_services import FollowUpAnswer, save_decision_follow_ups
from seuraamo.follow_up.models import (
    CONTRIBUTION_FIELDS,
    Contribution,
    ContributionMeasureStatus,
    ContributionStatus,
    GoalReport,
    ManualIndicatorValue,
    MeasureStatus,
    ReportComment,
    ReportingRound,
    ReportOrganisation,
    ReportStatus,
    RoundStatus,
    report_text_fields,
    validate_half_year,
)
from seuraamo.organisations.models import Organisation
from seuraamo.periods import Period
from seuraamo.programmes.models import Goal, IndicatorKind, Measure, Programme
from seuraamo.programmes.selectors import coordinating_organisations_on


class FollowUpError(Exception):
    """A write that the state does not allow; the message is one line for the user."""


@dataclass
class ManualValueInput:
    value: Decimal | None = None
    date: datetime.date | None = None
    source: str = ""


@dataclass
class ReportContent:
    """What a coordinator writes: the assessment, the texts, measures and manual values."""

    assessment: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    measures: dict[int, tuple[str, str]] = field(default_factory=dict)
    manual_values: dict[int, ManualValueInput] = field(default_factory=dict)
    #: What was done about the organisation's open decisions, by decision id.
    decisions: dict[int, FollowUpAnswer] = field(default_factory=dict)


@dataclass
class ContributionContent:
    """What one organisation writes in its own part of a shared report."""

    texts: dict[str, str] = field(default_factory=dict)
    measures: dict[int, tuple[str, str]] = field(default_factory=dict)
    decisions: dict[int, FollowUpAnswer] = field(default_factory=dict)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _audit_update(actor: User, instance: models.Model, before: dict[str, object]) -> None:
    record_change(actor=actor, instance=instance, before=before, after=snapshot(instance))


# --- rounds ---------------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    *,
    actor: User,
    programme: Programme,
    period: Period,
    deadline: datetime.date,
    goals: list[Goal],
    is_example: bool = False,
) -> ReportingRound:
    """Open a round: one draft report per goal, prefilled from the goal's previous report, with
    the official indicator values as of the period's end and the coordinating organisations valid
    at the period's end (through succession); a goal with several gets one contribution each."""
    _require(rules.can_manage_rounds(roles_of(actor)))
    validate_half_year(period)
    if not goals:
        raise FollowUpError(_("Choose at least one goal for the round."))
    if ReportingRound.objects.filter(programme=programme, period=period).exists():
        raise FollowUpError(_("A round for %(period)s already exists.") % {"period": period})
    reporting_round = ReportingRound.objects.create(
        programme=programme, period=period, deadline=deadline, is_example=is_example
    )
    reporting_round.goals.set(goals)
    end = period_end(reporting_round.period_value)
    for goal in goals:
        organisations = coordinating_organisations_on(goal, end)
        _create_report(actor, reporting_round, goal, organisations, end, is_example)
    record_change(
        actor=actor, instance=reporting_round, before=None, after=snapshot(reporting_round)
    )
    return reporting_round


def _previous_report(reporting_round: ReportingRound, goal: Goal) -> GoalReport | None:
    return (
        GoalReport.objects.filter(
            goal=goal,
            reporting_round__programme=reporting_round.programme,
            reporting_round__period__lt=reporting_round.period,
        )
        .order_by("-reporting_round__period")
        .prefetch_related("measure_statuses", "contributions__measure_statuses")
        .first()
    )


def _carried_over(previous: GoalReport | None, shared: bool) -> dict[str, object]:
    """The previous report's assessment and texts; a shared report takes the organisations' own
    sections from their previous contributions instead."""
    if previous is None:
        return {}
    names = report_text_fields(shared=shared)
    return {"assessment": previous.assessment} | {n: getattr(previous, n) for n in names}


def _create_report(
    actor: User,
    reporting_round: ReportingRound,
    goal: Goal,
    organisations: list[Organisation],
    end: datetime.date,
    is_example: bool,
) -> GoalReport:
    previous = _previous_report(reporting_round, goal)
    shared = len(organisations) > 1
    indicators = list(goal.indicators.all())
    report = GoalReport.objects.create(
        reporting_round=reporting_round,
        goal=goal,
        official_values=official_values_at(indicators, end),
        is_example=is_example,
        **_carried_over(previous, shared),
    )
    earlier = {s.measure_id: s for s in previous.measure_statuses.all()} if previous else {}
    measures = list(goal.measures.all())
    MeasureStatus.objects.bulk_create(
        MeasureStatus(
            report=report,
            measure=measure,
            status=earlier[measure.pk].status if measure.pk in earlier else "",
            text=earlier[measure.pk].text if measure.pk in earlier else "",
        )
        for measure in measures
    )
    record_change(actor=actor, instance=report, before=None, after=snapshot(report))
    for order, organisation in enumerate(organisations):
        row = ReportOrganisation.objects.create(
            report=report, organisation=organisation, order=order
        )
        record_change(actor=actor, instance=row, before=None, after=snapshot(row))
    if shared:
        before = {c.organisation_id: c for c in previous.contributions.all()} if previous else {}
        for organisation in organisations:
            _create_contribution(actor, report, organisation, measures, before.get(organisation.pk))
    return report


def _create_contribution(
    actor: User,
    report: GoalReport,
    organisation: Organisation,
    measures: list[Measure],
    previous: Contribution | None,
) -> Contribution:
    contribution = Contribution.objects.create(
        report=report,
        organisation=organisation,
        **({n: getattr(previous, n) for n in CONTRIBUTION_FIELDS} if previous else {}),
    )
    earlier = {s.measure_id: s for s in previous.measure_statuses.all()} if previous else {}
    ContributionMeasureStatus.objects.bulk_create(
        ContributionMeasureStatus(
            contribution=contribution,
            measure=measure,
            status=earlier[measure.pk].status if measure.pk in earlier else "",
            text=earlier[measure.pk].text if measure.pk in earlier else "",
        )
        for measure in measures
    )
    record_change(actor=actor, instance=contribution, before=None, after=snapshot(contribution))
    return contribution


def _locked_round(round_id: int) -> ReportingRound:
    return ReportingRound.objects.select_for_update().get(pk=round_id)


@transaction.atomic
def close_round(
    *, actor: User, round_id: int, reason: str = "", today: datetime.date | None = None
) -> ReportingRound:
    """Close the round and freeze every report as a snapshot with the programme texts of today.
    Closing before the deadline needs a reason, which the round keeps (and its history shows)."""
    _require(rules.can_manage_rounds(roles_of(actor)))
    reporting_round = _locked_round(round_id)
    if reporting_round.status != RoundStatus.OPEN:
        return reporting_round
    today = today or timezone.localdate()
    reason = reason.strip()
    if today < reporting_round.deadline and not reason:
        raise FollowUpError(
            _("The deadline is %(deadline)s: say why the round closes before it.")
            % {"deadline": dateformat.format(reporting_round.deadline, "j.n.Y")}
        )
    before = snapshot(reporting_round)
    for report in _reports_for_snapshot(reporting_round):
        report.snapshot = build_document(report)
        report.save(update_fields=["snapshot"])
    reporting_round.status = RoundStatus.CLOSED
    reporting_round.closed_at = timezone.now()
    reporting_round.closing_reason = reason if today < reporting_round.deadline else ""
    reporting_round.labour_market = frozen_summary(reporting_round.period_value)
    reporting_round.save(update_fields=["status", "closed_at", "closing_reason", "labour_market"])
    _audit_update(actor, reporting_round, before)
    return reporting_round


def _reports_for_snapshot(reporting_round: ReportingRound) -> list[GoalReport]:
    return list(
        reporting_round.reports.select_related("goal__theme", "reporting_round").prefetch_related(
            "organisations__organisation",
            "contributions__organisation",
            "contributions__measure_statuses__measure",
            "contributions__updated_by",
            "contributions__signed_off_by",
            "goal__measures",
            "goal__indicators__targets",
            "measure_statuses",
            "manual_values__reporter",
        )
    )


@transaction.atomic
def reopen_round(*, actor: User, round_id: int) -> ReportingRound:
    """Admins only: a closed or published round becomes open again (audited); its snapshots are
    taken anew when it closes."""
    _require(rules.can_manage_rounds(roles_of(actor)))
    reporting_round = _locked_round(round_id)
    if reporting_round.status == RoundStatus.OPEN:
        return reporting_round
    before = snapshot(reporting_round)
    reporting_round.status = RoundStatus.OPEN
    reporting_round.closed_at = None
    reporting_round.published_at = None
    reporting_round.closing_reason = ""
    reporting_round.labour_market = None
    reporting_round.save(
        update_fields=["status", "closed_at", "published_at", "closing_reason", "labour_market"]
    )
    reporting_round.reports.update(snapshot=None)
    _audit_update(actor, reporting_round, before)
    return reporting_round


@transaction.atomic
def publish_round(*, actor: User, round_id: int) -> ReportingRound:
    """A closed round becomes public: its frozen reports are shown to everyone."""
    _require(rules.can_manage_rounds(roles_of(actor)))
    reporting_round = _locked_round(round_id)
    if reporting_round.status == RoundStatus.PUBLISHED:
        return reporting_round
    if reporting_round.status != RoundStatus.CLOSED:
        raise FollowUpError(_("Close the round before publishing it."))
    before = snapshot(reporting_round)
    reporting_round.status = RoundStatus.PUBLISHED
    reporting_round.published_at = timezone.now()
    reporting_round.save(update_fields=["status", "published_at"])
    _audit_update(actor, reporting_round, before)
    return reporting_round


@transaction.atomic
def unpublish_round(*, actor: User, round_id: int) -> ReportingRound:
    """A published round goes back to closed: its reports leave the public pages (audited)."""
    _require(rules.can_manage_rounds(roles_of(actor)))
    reporting_round = _locked_round(round_id)
    if reporting_round.status != RoundStatus.PUBLISHED:
        return reporting_round
    before = snapshot(reporting_round)
    reporting_round.status = RoundStatus.CLOSED
    reporting_round.published_at = None
    reporting_round.save(update_fields=["status", "published_at"])
    _audit_update(actor, reporting_round, before)
    return reporting_round


# --- reports --------------------------------------------------------------------------------------


def _locked_report(report_id: int) -> GoalReport:
    return (
        GoalReport.objects.select_for_update(of=("self",))
        .select_related("reporting_round")
        .prefetch_related("organisations")
        .get(pk=report_id)
    )


@transaction.atomic
def save_report(
    *, actor: User, report_id: int, expected_version: int, content: ReportContent
) -> GoalReport:
    """Save the coordinator's text. A save based on an older version than the stored one raises
    `ConflictError` and changes nothing: the view shows both versions."""
    report = _locked_report(report_id)
    _require(rules.can_edit_report(roles_of(actor), report))
    if report.version != expected_version:
        raise ConflictError(report)
    before = snapshot(report)
    report.assessment = content.assessment
    shared = report.contributions.exists()
    for name in report_text_fields(shared=shared):
        setattr(report, name, content.texts.get(name, ""))
    report.updated_by = actor
    report.version = F("version") + 1
    report.save()
    report.refresh_from_db()
    _audit_update(actor, report, before)
    _save_measures(actor, report, content.measures)
    _save_manual_values(actor, report, content.manual_values)
    save_decision_follow_ups(  # a shared report's organisations answer in their own parts
        actor=actor,
        report=report,
        organisation_ids=[] if shared else rules.organisation_ids_of(report),
        answers=content.decisions,
    )
    return report


def _save_measures(actor: User, report: GoalReport, measures: dict[int, tuple[str, str]]) -> None:
    for status in report.measure_statuses.all():
        if status.measure_id not in measures:
            continue
        before = snapshot(status)
        status.status, status.text = measures[status.measure_id]
        status.save()
        _audit_update(actor, status, before)


def _save_manual_values(
    actor: User, report: GoalReport, values: dict[int, ManualValueInput]
) -> None:
    allowed = set(
        report.goal.indicators.filter(kind=IndicatorKind.MANUAL).values_list("pk", flat=True)
    )
    for indicator_id, given in values.items():
        if indicator_id not in allowed:
            continue
        existing = ManualIndicatorValue.objects.filter(
            report=report, indicator_id=indicator_id
        ).first()
        before = snapshot(existing) if existing else None
        if existing is None and given.value is None and not given.source:
            continue
        value = existing or ManualIndicatorValue(report=report, indicator_id=indicator_id)
        changed = (value.value, value.date, value.source) != (given.value, given.date, given.source)
        if not changed:
            continue
        value.value, value.date, value.source = given.value, given.date, given.source
        value.reporter = actor
        value.save()
        record_change(actor=actor, instance=value, before=before, after=snapshot(value))


def _transition(actor: User, report: GoalReport, status: str, **fields: object) -> GoalReport:
    before = snapshot(report)
    report.status = status
    for name, value in fields.items():
        setattr(report, name, value)
    report.version = F("version") + 1
    report.updated_by = actor
    report.save()
    report.refresh_from_db()
    _audit_update(actor, report, before)
    return report


@transaction.atomic
def submit_report(*, actor: User, report_id: int) -> bool:
    """The lead organisation submits the whole report to the steering group once every
    contributing organisation has signed its part off; a second submit does nothing."""
    report = _locked_report(report_id)
    roles = roles_of(actor)
    if report.status in rules.BEFORE_THE_STEERING_GROUP and rules.writes_report(roles, report):
        return False
    _require(rules.can_edit_report(roles, report))
    if not report.assessment:
        raise FollowUpError(_("Choose the overall assessment before submitting."))
    unsigned = [
        contribution.organisation.name_fi
        for contribution in report.contributions.select_related("organisation")
        if not contribution.is_signed_off
    ]
    if unsigned:
        raise FollowUpError(
            _("These organisations have not signed off their part yet: %(names)s.")
            % {"names": ", ".join(unsigned)}
        )
    _transition(
        actor, report, ReportStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=actor
    )
    return True


@transaction.atomic
def return_report(*, actor: User, report_id: int, comment: str) -> bool:
    """Return a submitted report to its coordinators with a comment."""
    report = _locked_report(report_id)
    _require(rules.can_review(roles_of(actor), report))
    if report.status == ReportStatus.RETURNED:
        return False
    if report.status != ReportStatus.SUBMITTED:
        raise FollowUpError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise FollowUpError(_("Write a comment that says what to change."))
    _transition(actor, report, ReportStatus.RETURNED, return_comment=comment.strip())
    return True


@transaction.atomic
def accept_report(*, actor: User, report_id: int) -> bool:
    report = _locked_report(report_id)
    _require(rules.can_review(roles_of(actor), report))
    if report.status == ReportStatus.ACCEPTED:
        return False
    if report.status != ReportStatus.SUBMITTED:
        raise FollowUpError(_("Only a submitted report can be accepted."))
    _transition(actor, report, ReportStatus.ACCEPTED, accepted_at=timezone.now())
    return True


@transaction.atomic
def comment_on_report(*, actor: User, report_id: int, text: str) -> ReportComment:
    report = GoalReport.objects.get(pk=report_id)
    roles = roles_of(actor)
    _require(rules.can_comment(roles) and rules.can_read_report(roles, report))
    if not text.strip():
        raise FollowUpError(_("Write the comment first."))
    comment = ReportComment.objects.create(report=report, author=actor, text=text.strip())
    record_change(actor=actor, instance=comment, before=None, after=snapshot(comment))
    return comment


# --- contributions --------------------------------------------------------------------------------


def _locked_contribution(contribution_id: int) -> Contribution:
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("report__reporting_round", "organisation")
        .get(pk=contribution_id)
    )
    return contribution


@transaction.atomic
def save_contribution(
    *, actor: User, contribution_id: int, expected_version: int, content: ContributionContent
) -> Contribution:
    """Save one organisation's part. A save based on an older version raises `ConflictError`."""
    contribution = _locked_contribution(contribution_id)
    _require(rules.can_edit_contribution(roles_of(actor), contribution.report, contribution))
    if contribution.is_signed_off:
        raise FollowUpError(_("The part is signed off: withdraw the sign-off to edit it."))
    if contribution.version != expected_version:
        raise ConflictError(contribution)
    before = snapshot(contribution)
    for name in CONTRIBUTION_FIELDS:
        setattr(contribution, name, content.texts.get(name, ""))
    contribution.updated_by = actor
    contribution.updated_at = timezone.now()
    contribution.version = F("version") + 1
    contribution.save()
    contribution.refresh_from_db()
    _audit_update(actor, contribution, before)
    for status in contribution.measure_statuses.all():
        if status.measure_id not in content.measures:
            continue
        before_status = snapshot(status)
        status.status, status.text = content.measures[status.measure_id]
        status.save()
        _audit_update(actor, status, before_status)
    save_decision_follow_ups(
        actor=actor,
        report=contribution.report,
        organisation_ids=[contribution.organisation_id],
        answers=content.decisions,
    )
    return contribution


def _set_sign_off(actor: User, contribution_id: int, signed: bool) -> bool:
    contribution = _locked_contribution(contribution_id)
    _require(rules.can_edit_contribution(roles_of(actor), contribution.report, contribution))
    if contribution.is_signed_off == signed:
        return False
    before = snapshot(contribution)
    contribution.status = ContributionStatus.SIGNED_OFF if signed else ContributionStatus.DRAFT
    contribution.signed_off_at = timezone.now() if signed else None
    contribution.signed_off_by = actor if signed else None
    contribution.version = F("version") + 1
    contribution.save()
    contribution.refresh_from_db()
    _audit_update(actor, contribution, before)
    return True


@transaction.atomic
def sign_off_contribution(*, actor: User, contribution_id: int) -> bool:
    """The organisation signs its part off: the lead may then submit the report."""
    return _set_sign_off(actor, contribution_id, True)


@transaction.atomic
def withdraw_sign_off(*, actor: User, contribution_id: int) -> bool:
    """The organisation takes its part back for editing while the report is still editable."""
    return _set_sign_off(actor, contribution_id, False)
