"""What the needs-attention rules (attention.py) read of a report: `ReportFacts`, from the report's
frozen snapshot when its round is closed, else from its rows, in the shape of
`documents.build_document` but read for a whole round in a fixed number of queries (the
indicators' baselines: each statistics table once). A report the rules may not read gives its goal
and organisations only (`status_only`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from seuraamo.follow_up import rules
from seuraamo.follow_up.display import doc_plain
from seuraamo.follow_up.models import ContributionStatus, GoalReport, ReportingRound
from seuraamo.official_stats.selectors import indicator_statuses
from seuraamo.programmes.models import IndicatorKind

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


def _live_indicators(report: GoalReport, baselines: dict[str, Any]) -> list[dict[str, Any]]:
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


def _facts_live(report: GoalReport, baselines: dict[str, Any]) -> ReportFacts:
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


def baselines_of(reports: list[GoalReport]) -> dict[str, Any]:
    """Each live report's indicators' baselines, reading each statistics table once."""
    live = [r for r in reports if r.snapshot is None]
    if not live:
        return {}
    indicators = {i.pk: i for r in live for i in r.goal.indicators.all()}
    start = live[0].goal.theme.programme.start_date
    statuses = indicator_statuses(list(indicators.values()), programme_start=start)
    return {status.indicator_key: status for status in statuses}


def facts_of(report: GoalReport, baselines: dict[str, Any]) -> ReportFacts:
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
