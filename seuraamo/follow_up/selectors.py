"""Reads of the half-year follow-up, each for one user: a page's view-model, or None when the
object does not exist; `PermissionDenied` when the user may not see it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import AnyUser, Roles, roles_of, users_acting_for
from seuraamo.core.models import AuditEvent
from seuraamo.follow_up import rules
from seuraamo.follow_up.attention import Attention, needs_attention
from seuraamo.follow_up.display import assessment_label, doc_plain, measure_status_label
from seuraamo.follow_up.documents import Document, document_of
from seuraamo.follow_up.labour_market import stored_summary, summary
from seuraamo.follow_up.models import (
    TEXT_LABELS,
    Contribution,
    Decision,
    GoalReport,
    ReportingRound,
    ReportStatus,
    RoundStatus,
)
from seuraamo.periods import Period
from seuraamo.programmes.models import Goal, Theme
from seuraamo.programmes.selectors import current_programme, today

DONE = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def _reports() -> QuerySet[GoalReport]:
    return GoalReport.objects.select_related(
        "goal__theme", "reporting_round", "updated_by", "submitted_by"
    ).prefetch_related(
        "organisations__organisation",
        "contributions__organisation",
        "contributions__measure_statuses",
        "contributions__updated_by",
        "contributions__signed_off_by",
        "goal__measures",
        "goal__indicators__targets",
        "measure_statuses__measure",
        "manual_values__reporter",
    )


def find_round(period: Period) -> ReportingRound | None:
    programme = current_programme()
    if programme is None:
        return None
    return ReportingRound.objects.filter(programme=programme, period=period).first()


# --- my tasks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    report: GoalReport
    action: str  # "write" (the lead organisation), "contribute" (a partner's own part) or "review"
    deadline: datetime.date
    days_left: int
    contribution: Contribution | None = None

    @property
    def is_late(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left


@dataclass(frozen=True)
class TasksPage:
    roles: Roles
    tasks: list[Task]
    waiting: list[GoalReport]  # the user's submitted reports, awaiting the steering group
    open_rounds: list[ReportingRound]


def tasks_page(user: AnyUser, today: datetime.date) -> TasksPage:
    roles = roles_of(user, today)
    open_rounds = list(ReportingRound.objects.filter(status=RoundStatus.OPEN).order_by("deadline"))
    reports = list(
        GoalReport.objects.filter(reporting_round__status=RoundStatus.OPEN)
        .select_related("goal__theme", "reporting_round")
        .prefetch_related("organisations", "contributions__organisation")
        .order_by("reporting_round__deadline", "goal__theme__order", "goal__order")
    )
    tasks: list[Task] = []
    waiting: list[GoalReport] = []
    for report in reports:
        deadline = report.reporting_round.deadline
        days_left = (deadline - today).days
        if rules.can_edit_report(roles, report):
            tasks.append(Task(report, "write", deadline, days_left))
        elif roles.is_admin and report.status == ReportStatus.SUBMITTED:
            tasks.append(Task(report, "review", deadline, days_left))
        elif rules.writes_report(roles, report) and report.status in DONE:
            waiting.append(report)
        tasks += [
            Task(report, "contribute", deadline, days_left, contribution)
            for contribution in report.contributions.all()
            if not contribution.is_signed_off
            and rules.can_edit_contribution(roles, report, contribution)
            and not rules.can_edit_report(roles, report)
        ]
    return TasksPage(roles, tasks, waiting, open_rounds if roles.reads_every_report else [])


# --- one report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One field of two rounds' reports of a goal, side by side."""

    label: str
    previous: str
    current: str

    @property
    def changed(self) -> bool:
        return self.previous != self.current


@dataclass(frozen=True)
class ContributionRow:
    """A contribution the user may read, as the page shows it; `editable` when it is the user's."""

    contribution: Contribution
    editable: bool


@dataclass(frozen=True)
class ReportPage:
    report: GoalReport
    document: Document
    can_edit: bool
    can_review: bool
    can_comment: bool
    previous: Document | None
    differences: list[Difference]
    comments: list[object]
    contributions: list[ContributionRow] = field(default_factory=list)


def differences(previous: Document, current: Document) -> list[Difference]:
    """The assessment, the texts and each measure's status of two documents, side by side."""

    rows = [
        Difference(
            str(_("Overall assessment")),
            assessment_label(previous["assessment"]),
            assessment_label(current["assessment"]),
        )
    ]
    rows += [
        Difference(str(label), previous["texts"].get(name, ""), current["texts"].get(name, ""))
        for name, label in TEXT_LABELS.items()
    ]
    earlier = {m["key"]: m for m in previous["measures"]}
    for measure in current["measures"]:
        before = earlier.get(measure["key"], {"status": "", "text": ""})
        rows.append(
            Difference(
                doc_plain(measure["title"]),
                " – ".join(filter(None, [measure_status_label(before["status"]), before["text"]])),
                " – ".join(
                    filter(None, [measure_status_label(measure["status"]), measure["text"]])
                ),
            )
        )
    return rows


def report_page(user: AnyUser, report_id: int) -> ReportPage | None:
    report = _reports().filter(pk=report_id).first()
    if report is None:
        return None
    roles = roles_of(user)
    if not rules.can_read_report(roles, report):
        raise PermissionDenied
    previous = (
        _reports()
        .filter(
            goal_id=report.goal_id,
            reporting_round__programme_id=report.reporting_round.programme_id,
            reporting_round__period__lt=report.reporting_round.period,
        )
        .order_by("-reporting_round__period")
        .first()
    )
    document = readable_document(roles, report)
    earlier = (
        readable_document(roles, previous)
        if previous and rules.can_read_report(roles, previous)
        else None
    )
    return ReportPage(
        report=report,
        document=document,
        can_edit=rules.can_edit_report(roles, report),
        can_review=rules.can_review(roles, report) and report.status == ReportStatus.SUBMITTED,
        can_comment=rules.can_comment(roles),
        previous=earlier,
        differences=differences(earlier, document) if earlier else [],
        comments=(
            list(report.comments.select_related("author"))
            if rules.can_read_comments(roles, report)
            else []
        ),
        contributions=[
            ContributionRow(c, rules.can_edit_contribution(roles, report, c))
            for c in report.contributions.all()
            if rules.can_read_contribution(roles, report, c)
        ],
    )


def readable_document(roles: Roles, report: GoalReport) -> Document:
    """The report's document with only the contributions the user may read: an organisation's
    part that is not signed off stays with that organisation and the admins."""
    document = document_of(report)
    readable = {
        c.organisation_id
        for c in report.contributions.all()
        if rules.can_read_contribution(roles, report, c)
    }
    contributions = [
        entry for entry in document.get("contributions", []) if entry["organisation_id"] in readable
    ]
    return {**document, "contributions": contributions}


def editable_contribution(user: AnyUser, contribution_id: int) -> Contribution | None:
    """The contribution for its edit form; PermissionDenied unless the user may edit it now."""
    contribution = (
        Contribution.objects.select_related(
            "report__reporting_round", "report__goal__theme", "organisation"
        )
        .prefetch_related("measure_statuses__measure")
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None:
        return None
    if not rules.can_edit_contribution(roles_of(user), contribution.report, contribution):
        raise PermissionDenied
    return contribution


def editable_report(user: AnyUser, report_id: int) -> GoalReport | None:
    """The report for its edit form; PermissionDenied unless the user may edit it now."""
    report = _reports().filter(pk=report_id).first()
    if report is None:
        return None
    if not rules.can_edit_report(roles_of(user), report):
        raise PermissionDenied
    return report


# --- the round dashboard --------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardRow:
    """One goal of a round. `document` is None when the user may not read the report: the page
    then shows the goal, its organisations and the report's status (public: "no report")."""

    report: GoalReport
    goal: dict[str, Any]
    theme: dict[str, Any]
    coordinators: list[dict[str, Any]]
    document: Document | None


@dataclass(frozen=True)
class RoundDashboard:
    reporting_round: ReportingRound
    rows: list[DashboardRow]
    themes: list[Theme]
    organisations: list[tuple[str, dict[str, Any]]]
    accepted: int
    awaiting_review: int
    not_submitted: int
    theme_filter: str = ""
    organisation_filter: str = ""
    history: list[RoundEvent] = field(default_factory=list)


def _dashboard_row(roles: Roles, report: GoalReport) -> DashboardRow:
    document = document_of(report)
    return DashboardRow(
        report,
        document["goal"],
        document["theme"],
        document["coordinators"],
        readable_document(roles, report) if rules.can_read_report(roles, report) else None,
    )


def round_dashboard(
    user: AnyUser, period: Period, theme: str = "", organisation: str = ""
) -> RoundDashboard | None:
    reporting_round = find_round(period)
    if reporting_round is None:
        return None
    roles = roles_of(user)
    if not rules.can_read_round(roles, reporting_round):
        raise PermissionDenied
    rows_all = [
        _dashboard_row(roles, report)
        for report in _reports().filter(reporting_round=reporting_round)
    ]
    rows_all.sort(key=lambda row: (row.theme["order"], row.goal["order"]))
    names = {c["key"]: c["name"] for row in rows_all for c in row.coordinators}
    organisations = sorted(names.items(), key=lambda pair: pair[1]["fi"])
    rows = [
        row
        for row in rows_all
        if (not theme or row.theme["number"] == theme)
        and (not organisation or any(c["key"] == organisation for c in row.coordinators))
    ]
    statuses = [row.report.status for row in rows]
    themes = list(
        Theme.objects.filter(goals__in=reporting_round.goals.all()).distinct().order_by("order")
    )
    return RoundDashboard(
        reporting_round,
        rows,
        themes,
        organisations,
        statuses.count(ReportStatus.ACCEPTED),
        statuses.count(ReportStatus.SUBMITTED),
        len(statuses)
        - statuses.count(ReportStatus.ACCEPTED)
        - statuses.count(ReportStatus.SUBMITTED),
        theme,
        organisation,
        round_history(reporting_round) if roles.reads_every_report else [],
    )


# --- closing and publishing -----------------------------------------------------------------------


@dataclass(frozen=True)
class Outstanding:
    """A report that is not accepted when the round closes, with the organisations that write it."""

    report: GoalReport
    goal: dict[str, Any]
    theme: dict[str, Any]
    coordinators: list[dict[str, Any]]
    unsigned: list[dict[str, str]]  # names of organisations whose own part is not signed off


@dataclass(frozen=True)
class ClosingCheck:
    reporting_round: ReportingRound
    outstanding: list[Outstanding]
    accepted: int
    before_deadline: bool
    days_early: int

    @property
    def by_organisation(self) -> list[tuple[dict[str, Any], list[Outstanding]]]:
        """The outstanding reports under each organisation that writes them."""
        groups: dict[str, tuple[dict[str, Any], list[Outstanding]]] = {}
        for row in self.outstanding:
            for coordinator in row.coordinators:
                name = coordinator["name"]
                groups.setdefault(str(coordinator["key"]), (name, []))[1].append(row)
        return sorted(groups.values(), key=lambda group: group[0]["fi"])


def closing_check(user: AnyUser, period: Period, today: datetime.date) -> ClosingCheck | None:
    """What closing the round would leave out: every report not accepted, by organisation."""
    reporting_round = find_round(period)
    if reporting_round is None:
        return None
    if not rules.can_manage_rounds(roles_of(user)):
        raise PermissionDenied
    outstanding = []
    accepted = 0
    for report in _reports().filter(reporting_round=reporting_round):
        if report.status == ReportStatus.ACCEPTED:
            accepted += 1
            continue
        document = document_of(report)
        outstanding.append(
            Outstanding(
                report,
                document["goal"],
                document["theme"],
                document["coordinators"],
                [
                    _texts_of_name(c.organisation)
                    for c in report.contributions.all()
                    if not c.is_signed_off
                ],
            )
        )
    outstanding.sort(key=lambda row: (row.theme["order"], row.goal["order"]))
    days_early = (reporting_round.deadline - today).days
    return ClosingCheck(reporting_round, outstanding, accepted, days_early > 0, max(days_early, 0))


def _texts_of_name(organisation: object) -> dict[str, str]:
    return {code: getattr(organisation, f"name_{code}", "") or "" for code in ("fi", "sv", "en")}


@dataclass(frozen=True)
class RoundEvent:
    """One change of a round's status in its history, with who made it and why."""

    occurred_at: datetime.datetime
    actor: str
    status: str
    reason: str


def round_history(reporting_round: ReportingRound) -> list[RoundEvent]:
    """The round's openings, closings (with the reason when early), publications and their undoing,
    from the audit trail, oldest first."""
    events = AuditEvent.objects.filter(
        object_type=ReportingRound._meta.label_lower, object_key=reporting_round.period
    ).order_by("occurred_at", "id")
    history = []
    for event in events:
        after = event.after or {}
        status = after.get("status") or ("open" if event.action == "create" else "")
        if not status:
            continue
        history.append(
            RoundEvent(
                event.occurred_at,
                event.actor_description,
                str(status),
                str(after.get("closing_reason") or ""),
            )
        )
    return history


def visible_rounds(user: AnyUser) -> list[ReportingRound]:
    """The rounds the user may see, newest first: every round for readers, published for others."""
    programme = current_programme()
    if programme is None:
        return []
    rounds = ReportingRound.objects.filter(programme=programme).order_by("-period")
    if not roles_of(user).reads_every_report:
        rounds = rounds.filter(status=RoundStatus.PUBLISHED)
    return list(rounds)


# --- a goal's timeline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    reporting_round: ReportingRound
    report: GoalReport
    document: Document


@dataclass(frozen=True)
class GoalTimeline:
    goal: Goal
    entries: list[TimelineEntry]


def goal_timeline(user: AnyUser, goal_key: str) -> GoalTimeline | None:
    goal = Goal.objects.select_related("theme").filter(key=goal_key).first()
    if goal is None:
        return None
    roles = roles_of(user)
    entries = [
        TimelineEntry(report.reporting_round, report, document_of(report))
        for report in _reports().filter(goal=goal).order_by("-reporting_round__period")
        if rules.can_read_report(roles, report)
    ]
    return GoalTimeline(goal, entries)


# --- the compiled report --------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingReport:
    """A goal of the round without an accepted report, and the organisations that were to write it."""

    goal: dict[str, Any]
    theme: dict[str, Any]
    coordinators: list[dict[str, Any]]


@dataclass(frozen=True)
class ThemeSection:
    number: str
    title: dict[str, str]
    documents: list[Document]
    missing: list[MissingReport] = field(default_factory=list)


@dataclass(frozen=True)
class CompiledReport:
    reporting_round: ReportingRound
    documents: list[Document]
    sections: list[ThemeSection]
    labour_market: Sequence[object] = field(default_factory=list)
    missing: list[MissingReport] = field(default_factory=list)
    #: What needs the steering group's attention, read as the compiled report may be (attention.py).
    attention: Attention | None = None
    #: The programme's public decisions (`rules.PUBLIC_DECISIONS`), by meeting date: the XLSX's sheet.
    decisions: list[Decision] = field(default_factory=list)

    @property
    def has_examples(self) -> bool:
        return self.reporting_round.is_example or any(d.get("is_example") for d in self.documents)


def compiled_report(user: AnyUser | None, period: Period) -> CompiledReport | None:
    """The round's accepted reports in programme order, grouped by theme. `user=None` is the
    command line, which may compile any round."""
    reporting_round = find_round(period)
    if reporting_round is None:
        return None
    if user is not None and not rules.can_read_round(roles_of(user), reporting_round):
        raise PermissionDenied
    return compile_round(reporting_round)


def _programme_order(entry: Document | MissingReport) -> tuple[object, ...]:
    theme = entry["theme"] if isinstance(entry, dict) else entry.theme
    goal = entry["goal"] if isinstance(entry, dict) else entry.goal
    return (theme["order"], theme["number"], goal["order"])


def compile_round(reporting_round: ReportingRound) -> CompiledReport:
    """Accepted reports only (`rules.COMPILED_REPORTS`); every other goal is listed as missing
    with its organisations, and none of its text is read."""
    documents: list[Document] = []
    missing: list[MissingReport] = []
    compiled = set(
        reporting_round.reports.filter(rules.COMPILED_REPORTS).values_list("pk", flat=True)
    )
    for report in _reports().filter(reporting_round=reporting_round):
        document = document_of(report)
        if report.pk in compiled:
            documents.append(document)
        else:
            missing.append(
                MissingReport(document["goal"], document["theme"], document["coordinators"])
            )
    documents.sort(key=_programme_order)
    missing.sort(key=_programme_order)
    sections: dict[str, ThemeSection] = {}
    entries: list[Document | MissingReport] = [*documents, *missing]
    for entry in sorted(entries, key=_programme_order):
        theme = entry["theme"] if isinstance(entry, dict) else entry.theme
        section = sections.setdefault(
            str(theme["number"]), ThemeSection(str(theme["number"]), theme["title"], [])
        )
        if isinstance(entry, dict):
            section.documents.append(entry)
        else:
            section.missing.append(entry)
    figures = (
        stored_summary(reporting_round.labour_market)
        if reporting_round.labour_market is not None
        else summary(reporting_round.period_value)
    )
    attention = needs_attention(reporting_round=reporting_round, today=today(), compiled=True)
    decisions = list(
        Decision.objects.filter(
            rules.PUBLIC_DECISIONS, meeting__programme_id=reporting_round.programme_id
        )
        .select_related("meeting", "responsible")
        .prefetch_related("goals", "measures")
        .order_by("meeting__date", "order")
    )
    return CompiledReport(
        reporting_round, documents, list(sections.values()), figures, missing, attention, decisions
    )


def coordinator_users(report: GoalReport) -> list[User]:
    """The users who act for an organisation that writes the report (the round's own
    organisations, or a successor carrying their role) on the round's deadline."""
    return users_acting_for(rules.organisation_ids_of(report), report.reporting_round.deadline)
