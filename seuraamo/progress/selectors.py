"""Reads of the half-year follow-up, each for one user: a page's view-model, or None when the
object does not exist; `PermissionDenied` when the user may not see it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import AnyUser, Roles, roles_of
from seuraamo.programmes.models import Goal, Theme
from seuraamo.programmes.selectors import current_programme
from seuraamo.progress import rules
from seuraamo.progress.documents import Document, document_of
from seuraamo.progress.models import (
    GoalReport,
    ReportingRound,
    ReportStatus,
    RoundStatus,
)

DONE = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def _reports() -> QuerySet[GoalReport]:
    return GoalReport.objects.select_related(
        "goal__theme", "reporting_round", "updated_by"
    ).prefetch_related(
        "goal__coordinators__organisation",
        "goal__measures",
        "goal__indicators__targets",
        "measure_statuses__measure",
        "manual_values__reporter",
    )


def find_round(period: str) -> ReportingRound | None:
    programme = current_programme()
    if programme is None:
        return None
    return ReportingRound.objects.filter(programme=programme, period=period).first()


# --- my tasks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    report: GoalReport
    action: str  # "write" (coordinator) or "review" (admin)
    deadline: datetime.date
    days_left: int

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
        elif roles.coordinates(report.goal_id) and report.status in DONE:
            waiting.append(report)
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
class ReportPage:
    report: GoalReport
    document: Document
    can_edit: bool
    can_review: bool
    can_comment: bool
    previous: Document | None
    differences: list[Difference]
    comments: list[object]


def differences(previous: Document, current: Document) -> list[Difference]:
    """The assessment, the texts and each measure's status of two documents, side by side."""
    from seuraamo.progress.forms import TEXT_LABELS
    from seuraamo.progress.templatetags.follow_up import (
        assessment_label,
        doc_plain,
        measure_status_label,
    )

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
    document = document_of(report)
    earlier = document_of(previous) if previous and rules.can_read_report(roles, previous) else None
    return ReportPage(
        report=report,
        document=document,
        can_edit=rules.can_edit_report(roles, report),
        can_review=rules.can_review(roles, report) and report.status == ReportStatus.SUBMITTED,
        can_comment=rules.can_comment(roles),
        previous=earlier,
        differences=differences(earlier, document) if earlier else [],
        comments=list(report.comments.select_related("author")) if roles.is_internal else [],
    )


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
    report: GoalReport
    document: Document


@dataclass(frozen=True)
class RoundDashboard:
    reporting_round: ReportingRound
    rows: list[DashboardRow]
    themes: list[Theme]
    organisations: list[tuple[str, str]]
    submitted: int
    missing: int
    theme_filter: str = ""
    organisation_filter: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def round_dashboard(
    user: AnyUser, period: str, theme: str = "", organisation: str = ""
) -> RoundDashboard | None:
    reporting_round = find_round(period)
    if reporting_round is None:
        return None
    if not rules.can_read_round(roles_of(user), reporting_round):
        raise PermissionDenied
    rows_all = [
        DashboardRow(report, document_of(report))
        for report in _reports().filter(reporting_round=reporting_round)
    ]
    rows_all.sort(key=lambda row: (row.document["theme"]["order"], row.document["goal"]["order"]))
    organisations = sorted(
        {(c["key"], c["name"]["fi"]) for row in rows_all for c in row.document["coordinators"]},
        key=lambda pair: pair[1],
    )
    rows = [
        row
        for row in rows_all
        if (not theme or row.document["theme"]["number"] == theme)
        and (
            not organisation or any(c["key"] == organisation for c in row.document["coordinators"])
        )
    ]
    submitted = sum(1 for row in rows if row.report.status in DONE)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.report.assessment or "none"] = counts.get(row.report.assessment or "none", 0) + 1
    themes = list(
        Theme.objects.filter(goals__in=reporting_round.goals.all()).distinct().order_by("order")
    )
    return RoundDashboard(
        reporting_round,
        rows,
        themes,
        organisations,
        submitted,
        len(rows) - submitted,
        theme,
        organisation,
        counts,
    )


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
class ThemeSection:
    number: str
    title: dict[str, str]
    documents: list[Document]


@dataclass(frozen=True)
class CompiledReport:
    reporting_round: ReportingRound
    documents: list[Document]
    sections: list[ThemeSection]
    labour_market: list[object] = field(default_factory=list)

    @property
    def has_examples(self) -> bool:
        return self.reporting_round.is_example or any(d.get("is_example") for d in self.documents)


def compiled_report(user: AnyUser | None, period: str) -> CompiledReport | None:
    """The round's reports in programme order, grouped by theme. `user=None` is the command line,
    which may compile any round."""
    reporting_round = find_round(period)
    if reporting_round is None:
        return None
    if user is not None and not rules.can_read_round(roles_of(user), reporting_round):
        raise PermissionDenied
    return compile_round(reporting_round)


def compile_round(reporting_round: ReportingRound) -> CompiledReport:
    documents = [
        document_of(report) for report in _reports().filter(reporting_round=reporting_round)
    ]
    documents.sort(key=lambda d: (d["theme"]["order"], d["theme"]["number"], d["goal"]["order"]))
    sections: list[ThemeSection] = []
    for document in documents:
        theme = document["theme"]
        if not sections or sections[-1].number != theme["number"]:
            sections.append(ThemeSection(theme["number"], theme["title"], []))
        sections[-1].documents.append(document)
    from seuraamo.progress.labour_market import stored_summary, summary

    figures = (
        stored_summary(reporting_round.labour_market)
        if reporting_round.labour_market is not None
        else summary(reporting_round.period_value)
    )
    return CompiledReport(reporting_round, documents, sections, figures)


def coordinator_users(report: GoalReport, graph: object = None) -> list[User]:
    """The active users with an e-mail address who coordinate the report's goal."""
    from seuraamo.accounts.roles import coordinated_goal_ids

    on = report.reporting_round.deadline
    candidates = User.objects.filter(is_active=True, organisation__isnull=False).exclude(email="")
    return [u for u in candidates if report.goal_id in coordinated_goal_ids(u, on, graph)]
