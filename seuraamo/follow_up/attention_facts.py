"""What the needs-attention rules (attention.py) read of a report: `ReportFacts`, from the report's
frozen snapshot when its round is closed, else from its rows, in the shape of
`documents.build_document` but read for a whole round in a fixed number of queries (the
indicators' baselines and employment areas: each statistics table once, `statistics_of`). A report
the rules may not read gives its goal and organisations only (`status_only`). Also the rounds the
page reads (`previous_round_of`, `round_of`, `round_under_review`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from seuraamo.follow_up import rules
from seuraamo.follow_up.display import doc_plain
from seuraamo.follow_up.documents import period_end
from seuraamo.follow_up.models import ContributionStatus, GoalReport, ReportingRound, RoundStatus
from seuraamo.official_stats.derived import Point
from seuraamo.official_stats.selectors import IndicatorStatus
from seuraamo.periods import Period
from seuraamo.programmes.indicator_areas import AreaFigure, area_figures, is_shown_per_area
from seuraamo.programmes.models import IndicatorKind
from seuraamo.programmes.selectors import current_programme

LANGUAGES = ("fi", "sv", "en")


def texts_of(instance: object, name: str) -> dict[str, str]:
    return {code: getattr(instance, f"{name}_{code}", "") or "" for code in LANGUAGES}


@dataclass(frozen=True)
class ReportFacts:
    """What the rules read of one report: from its frozen snapshot when the round is closed, else
    from its rows (the same fields as `documents.build_document`)."""

    report: GoalReport
    goal: dict[str, Any]
    theme: dict[str, Any]
    coordinators: list[dict[str, Any]]  # key, name; lead first
    organisation_ids: list[int]
    assessment: str
    asks: list[tuple[dict[str, str] | None, str]]  # (organisation name or None, text)
    measures: list[dict[str, Any]]
    indicators: list[dict[str, Any]]

    @property
    def goal_label(self) -> str:
        return f"{self.theme['number']} · {doc_plain(self.goal['title'])}"


def reports_of(rounds: Iterable[ReportingRound]) -> QuerySet[GoalReport]:
    return (
        GoalReport.objects.filter(reporting_round__in=list(rounds))
        .select_related("goal__theme__programme", "reporting_round")
        .prefetch_related(
            "organisations__organisation",
            "contributions__organisation",
            "measure_statuses",
            "manual_values",
            "goal__measures",
            "goal__indicators__targets",
        )
    )


def _facts_from_snapshot(report: GoalReport) -> ReportFacts:
    document = report.snapshot or {}
    asks: list[tuple[dict[str, str] | None, str]] = [
        (None, document.get("texts", {}).get("asks", ""))
    ]
    asks += [
        (part["organisation"]["name"], part["texts"].get("asks", ""))
        for part in document.get("contributions", [])
        if part.get("status") == ContributionStatus.SIGNED_OFF
    ]
    return ReportFacts(
        report=report,
        goal=document["goal"],
        theme=document["theme"],
        coordinators=document.get("coordinators", []),
        organisation_ids=rules.organisation_ids_of(report),
        assessment=document.get("assessment", ""),
        asks=[(name, text) for name, text in asks if text.strip()],
        measures=document.get("measures", []),
        indicators=document.get("indicators", []),
    )


def _live_indicators(
    report: GoalReport, baselines: dict[str, IndicatorStatus]
) -> list[dict[str, Any]]:
    manual = {value.indicator_id: value for value in report.manual_values.all()}
    official = {row["indicator"]: row for row in report.official_values}
    entries = []
    for indicator in report.goal.indicators.all():
        status = baselines.get(indicator.key)
        entry: dict[str, Any] = {
            "key": indicator.key,
            "name": texts_of(indicator, "name"),
            "unit": indicator.unit,
            "kind": indicator.kind,
            "direction": indicator.desired_direction,
            "baseline": status.baseline_value if status else None,
            "baseline_period": status.baseline_period if status else None,
            "targets": [
                {"year": t.year, "value": float(t.value)}
                for t in indicator.targets.all()
                if not t.area  # the indicator's own area's; employment areas' are on its page
            ],
        }
        if indicator.kind == IndicatorKind.MANUAL:
            value = manual.get(indicator.pk)
            entry["value"] = float(value.value) if value and value.value is not None else None
            entry["date"] = value.date.isoformat() if value and value.date else None
        else:
            row = official.get(indicator.key, {})
            entry["value"] = row.get("value")
            entry["period"] = row.get("period")
        entries.append(entry)
    return entries


def _facts_live(report: GoalReport, baselines: dict[str, IndicatorStatus]) -> ReportFacts:
    goal, theme = report.goal, report.goal.theme
    statuses = {status.measure_id: status for status in report.measure_statuses.all()}
    asks: list[tuple[dict[str, str] | None, str]] = [(None, report.asks)]
    asks += [
        (texts_of(part.organisation, "name"), part.asks)
        for part in report.contributions.all()
        if part.is_signed_off
    ]
    return ReportFacts(
        report=report,
        goal={"key": goal.key, "title": texts_of(goal, "title"), "order": goal.order},
        theme={"number": theme.number, "title": texts_of(theme, "title"), "order": theme.order},
        coordinators=[
            {"key": row.organisation.key, "name": texts_of(row.organisation, "name")}
            for row in report.organisations.all()
        ],
        organisation_ids=rules.organisation_ids_of(report),
        assessment=report.assessment,
        asks=[(name, text) for name, text in asks if text.strip()],
        measures=[
            {
                "key": measure.key,
                "title": texts_of(measure, "title"),
                "status": statuses[measure.pk].status if measure.pk in statuses else "",
                "text": statuses[measure.pk].text if measure.pk in statuses else "",
            }
            for measure in report.goal.measures.all()
        ],
        indicators=_live_indicators(report, baselines),
    )


@dataclass(frozen=True)
class Statistics:
    """What the rules read of the statistics: each live report's indicators' own statuses (their
    baselines) by key, and the employment areas' columns of the indicators shown per area
    (`programmes.indicator_areas`) by indicator id."""

    baselines: dict[str, IndicatorStatus]
    areas: dict[int, list[AreaFigure]]


def statistics_of(readable: list[GoalReport], current: list[GoalReport]) -> Statistics:
    """One `area_figures` call, reading each statistics table once for every indicator and area:
    the baselines of the readable live reports' indicators and the per-area columns of the current
    round's goals' indicators (public statistics, whatever the report's state)."""
    live = [r for r in readable if r.snapshot is None]
    indicators = {i.pk: i for r in live for i in r.goal.indicators.all()}
    indicators |= {
        i.pk: i for r in current for i in r.goal.indicators.all() if is_shown_per_area(i)
    }
    if not indicators:
        return Statistics({}, {})
    start = (live or current)[0].goal.theme.programme.start_date
    own, areas = area_figures(list(indicators.values()), programme_start=start)
    return Statistics({status.indicator_key: status for status in own}, areas)


def facts_of(report: GoalReport, baselines: dict[str, IndicatorStatus]) -> ReportFacts:
    if report.snapshot is not None:
        return _facts_from_snapshot(report)
    return _facts_live(report, baselines)


def status_only(report: GoalReport) -> ReportFacts:
    """A report the rules may not read: its goal and organisations, none of its content."""
    goal, theme = report.goal, report.goal.theme
    return ReportFacts(
        report=report,
        goal={"key": goal.key, "title": texts_of(goal, "title"), "order": goal.order},
        theme={"number": theme.number, "title": texts_of(theme, "title"), "order": theme.order},
        coordinators=[
            {"key": row.organisation.key, "name": texts_of(row.organisation, "name")}
            for row in report.organisations.all()
        ],
        organisation_ids=rules.organisation_ids_of(report),
        assessment="",
        asks=[],
        measures=[],
        indicators=[],
    )


# --- the rounds and the statistics ----------------------------------------------------------------


def previous_round_of(reporting_round: ReportingRound) -> ReportingRound | None:
    return (
        ReportingRound.objects.filter(
            programme_id=reporting_round.programme_id, period__lt=reporting_round.period
        )
        .order_by("-period")
        .first()
    )


def round_of(period: Period) -> ReportingRound | None:
    programme = current_programme()
    if programme is None:
        return None
    return ReportingRound.objects.filter(programme=programme, period=period).first()


def round_under_review(today: datetime.date) -> ReportingRound | None:
    """The round the page opens with: the newest one the steering group has something from — its
    deadline passed, it is closed, or a report of it is submitted — else the newest round. A round
    just opened does not hide the previous one's open requests and missing reports."""
    programme = current_programme()
    if programme is None:
        return None
    rounds = ReportingRound.objects.filter(programme=programme).order_by("-period")
    submitted = GoalReport.objects.filter(
        reporting_round=OuterRef("pk"), status__in=rules.BEFORE_THE_STEERING_GROUP
    )
    due = rounds.filter(
        Q(deadline__lt=today) | ~Q(status=RoundStatus.OPEN) | Exists(submitted)
    ).first()
    return due or rounds.first()


def area_value_by(figure: AreaFigure, end: datetime.date) -> Point | None:
    """The area's latest value of a period that ended by `end` (as a report's own values are
    read), from the status's recent points."""
    recent = figure.status.recent if figure.status else []
    valued = [
        p for p in recent if p.value is not None and period_end(Period.parse(p.period)) <= end
    ]
    return valued[-1] if valued else None
