"""The programme overview: every goal with its latest assessment and each indicator's latest value,
change from a year earlier, next target and status, with a sparkline. The assessment comes from the
newest accepted report the user may read (the public: published rounds only); manual indicators take their
value from that report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from seuraamo.accounts.roles import AnyUser, roles_of
from seuraamo.follow_up import rules
from seuraamo.follow_up.documents import Document, document_of
from seuraamo.follow_up.models import GoalReport
from seuraamo.follow_up.sparklines import sparkline
from seuraamo.official_stats.selectors import IndicatorStatus, indicator_status, missing_runs
from seuraamo.periods import Period
from seuraamo.programmes.models import Goal, Indicator, IndicatorKind, Programme, Theme
from seuraamo.programmes.selectors import current_programme


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    status: IndicatorStatus | None  # official indicators
    manual: dict[str, object] | None  # manual indicators: the value from the latest report
    sparkline: str
    #: Runs of periods without a figure within the sparkline's span, (first, last), named beside it.
    gaps: tuple[tuple[Period, Period], ...] = ()


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    document: Document | None
    report: GoalReport | None
    indicators: list[IndicatorRow]


@dataclass(frozen=True)
class ThemeBlock:
    theme: Theme
    goals: list[GoalRow]


@dataclass(frozen=True)
class Overview:
    programme: Programme
    themes: list[ThemeBlock]


def _latest_reports(user: AnyUser, programme: Programme) -> dict[int, GoalReport]:
    """Each goal's newest accepted report the user may read (the public: of published rounds)."""
    roles = roles_of(user)
    latest: dict[int, GoalReport] = {}
    reports = (
        GoalReport.objects.filter(rules.COMPILED_REPORTS, reporting_round__programme=programme)
        .select_related("reporting_round", "goal")
        .prefetch_related("organisations", "contributions")
        .order_by("-reporting_round__period")
    )
    for report in reports:
        if report.goal_id not in latest and rules.can_read_report(roles, report):
            latest[report.goal_id] = report
    return latest


def _indicator_row(
    indicator: Indicator,
    document: Document | None,
    today: datetime.date,
    start: datetime.date | None,
) -> IndicatorRow:
    if indicator.kind == IndicatorKind.OFFICIAL:
        status = indicator_status(indicator, today, programme_start=start)
        points = [(point.period, point.value) for point in status.recent]
        gaps = tuple(missing_runs([period for period, value in points if value is not None]))
        line = sparkline(points, status.next_target_value)
        return IndicatorRow(indicator, status, None, line, gaps if line else ())
    manual = None
    if document is not None:
        manual = next((i for i in document["indicators"] if i["key"] == indicator.key), None)
    return IndicatorRow(indicator, None, manual, "")


def overview(user: AnyUser, today: datetime.date) -> Overview | None:
    programme = current_programme()
    if programme is None:
        return None
    latest = _latest_reports(user, programme)
    themes = []
    for theme in Theme.objects.filter(programme=programme).prefetch_related(
        "goals__indicators__targets"
    ):
        rows = []
        for goal in theme.goals.all():
            report = latest.get(goal.pk)
            document = document_of(report) if report else None
            rows.append(
                GoalRow(
                    goal,
                    document,
                    report,
                    [
                        _indicator_row(i, document, today, programme.start_date)
                        for i in goal.indicators.all()
                    ],
                )
            )
        themes.append(ThemeBlock(theme, rows))
    return Overview(programme, themes)
