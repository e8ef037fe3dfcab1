"""A report as one JSON document: its content plus the programme texts (goal, theme, measures,
indicators, coordinators) as they are now. Closing a round stores this document in the report
(`GoalReport.snapshot`); a closed round is then read from its documents only, so later changes to
the programme do not change it. The compiled report and the timelines read documents too."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.utils import dateformat

from seuraamo.follow_up.models import (
    CONTRIBUTION_FIELDS,
    TEXT_FIELDS,
    Contribution,
    GoalReport,
    Project,
)
from seuraamo.official_stats.selectors import indicator_statuses, series
from seuraamo.periods import Period
from seuraamo.programmes.models import Goal, Indicator, IndicatorKind

#: A report as JSON, as stored in `GoalReport.snapshot` (its shape: `build_document`).
Document = dict[str, Any]
LANGUAGES = ("fi", "sv", "en")


def _texts(instance: object, field: str) -> dict[str, str]:
    return {code: getattr(instance, f"{field}_{code}", "") or "" for code in LANGUAGES}


def period_end(period: Period) -> datetime.date:
    last_month = period.first_month + 12 // period.frequency.per_year - 1
    return datetime.date(period.year, last_month, calendar.monthrange(period.year, last_month)[1])


def official_values_at(indicators: list[Indicator], end: datetime.date) -> list[dict[str, object]]:
    """Each official indicator's latest stored value for a period that ended by `end`."""
    values: list[dict[str, object]] = []
    for indicator in indicators:
        if indicator.kind != IndicatorKind.OFFICIAL or not indicator.stat_table:
            continue
        points = [
            point
            for point in series(
                indicator.stat_table, indicator.stat_content_code, indicator.stat_area
            )
            if point.value is not None and period_end(Period.parse(point.period)) <= end
        ]
        latest = points[-1] if points else None
        values.append(
            {
                "indicator": indicator.key,
                "period": latest.period if latest else None,
                "value": latest.value if latest else None,
                # The last 13 periods up to the end, for the report's trend line.
                "recent": [[point.period, point.value] for point in points[-13:]],
            }
        )
    return values


def build_document(report: GoalReport) -> Document:
    """The report with the programme texts as they are now (see the module docstring)."""
    goal = report.goal
    theme = goal.theme
    statuses = {status.measure_id: status for status in report.measure_statuses.all()}
    manual = {value.indicator_id: value for value in report.manual_values.all()}
    official = {row["indicator"]: row for row in report.official_values}
    indicators = []
    goal_indicators = list(goal.indicators.all())
    baselines = {
        status.indicator_key: status
        for status in indicator_statuses(
            goal_indicators, programme_start=theme.programme.start_date
        )
    }
    for indicator in goal_indicators:
        entry: dict[str, object] = {
            "key": indicator.key,
            "name": _texts(indicator, "name"),
            "unit": indicator.unit,
            "kind": indicator.kind,
            "direction": indicator.desired_direction,
            # The value at the programme's start, or None: "baseline missing".
            "baseline": baselines[indicator.key].baseline_value,
            "baseline_period": baselines[indicator.key].baseline_period,
            "targets": [
                {"year": target.year, "value": float(target.value)}
                for target in indicator.targets.all()
                if not target.area  # the indicator's own area's; employment areas' are on its page
            ],
        }
        if indicator.kind == IndicatorKind.MANUAL:
            value = manual.get(indicator.pk)
            entry.update(
                value=float(value.value) if value and value.value is not None else None,
                date=value.date.isoformat() if value and value.date else None,
                source=value.source if value else "",
                reporter=_name(value.reporter) if value and value.reporter else "",
            )
        else:
            row = official.get(indicator.key, {})
            entry.update(
                value=row.get("value"), period=row.get("period"), recent=row.get("recent", [])
            )
        indicators.append(entry)
    return {
        "round": report.reporting_round.period,
        "status": report.status,
        "is_example": report.is_example,
        "goal": {"key": goal.key, "title": _texts(goal, "title"), "order": goal.order},
        "theme": {"number": theme.number, "title": _texts(theme, "title"), "order": theme.order},
        # The organisations of the round's own time (stored when the round opened), lead first.
        "coordinators": [
            {"key": row.organisation.key, "name": _texts(row.organisation, "name")}
            for row in report.organisations.all()
        ],
        "contributions": [_contribution(c, goal) for c in report.contributions.all()],
        "assessment": report.assessment,
        "texts": {field: getattr(report, field) for field in TEXT_FIELDS},
        "return_comment": report.return_comment,
        "measures": [
            {
                "key": measure.key,
                "title": _texts(measure, "title"),
                "status": statuses[measure.pk].status if measure.pk in statuses else "",
                "text": statuses[measure.pk].text if measure.pk in statuses else "",
            }
            for measure in goal.measures.all()
        ],
        "indicators": indicators,
        "projects": _projects(goal),
        "decision_follow_ups": _decision_follow_ups(report),
        "updated_by": _name(report.updated_by) if report.updated_by else "",
        "updated_at": _when(report.updated_at),
        "submitted_at": _when(report.submitted_at),
        "submitted_by": _name(report.submitted_by) if report.submitted_by else "",
        "accepted_at": report.accepted_at.isoformat() if report.accepted_at else None,
    }


def _when(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _contribution(contribution: Contribution, goal: Goal) -> dict[str, object]:
    statuses = {s.measure_id: s for s in contribution.measure_statuses.all()}
    return {
        "organisation_id": contribution.organisation_id,
        "organisation": {
            "key": contribution.organisation.key,
            "name": _texts(contribution.organisation, "name"),
        },
        "status": contribution.status,
        "texts": {name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS},
        "measures": [
            {
                "key": measure.key,
                "title": _texts(measure, "title"),
                "status": statuses[measure.pk].status,
                "text": statuses[measure.pk].text,
            }
            for measure in goal.measures.all()
            if measure.pk in statuses and (statuses[measure.pk].status or statuses[measure.pk].text)
        ],
        "updated_by": _name(contribution.updated_by) if contribution.updated_by else "",
        "updated_at": _when(contribution.updated_at),
        "signed_off_by": _name(contribution.signed_off_by) if contribution.signed_off_by else "",
        "signed_off_at": _when(contribution.signed_off_at),
    }


def _projects(goal: Goal) -> list[dict[str, object]]:
    projects = (
        Project.objects.filter(measures__goal=goal)
        .distinct()
        .select_related("owner")
        .prefetch_related("partners", "measures")
        .order_by("start_date", "name")
    )
    return [
        {
            "pk": project.pk,
            "name": project.name,
            "owner": _texts(project.owner, "name") if project.owner else None,
            "status": project.status,
            "target_groups": project.target_groups,
            "results": project.results,
            "is_example": project.is_example,
            "partners": [
                _texts(partner, "name")
                for partner in project.partners.all()
                if partner.pk != project.owner_id
            ],
            "funding_source": project.funding_source,
            "funding_amount": float(project.funding_amount)
            if project.funding_amount is not None
            else None,
            "start": project.start_date.isoformat() if project.start_date else None,
            "end": project.end_date.isoformat() if project.end_date else None,
            "measures": [
                _texts(measure, "title")
                for measure in project.measures.all()
                if measure.goal_id == goal.pk
            ],
            "url": project.url,
        }
        for project in projects
    ]


def _decision_follow_ups(report: GoalReport) -> list[dict[str, object]]:
    """What the report says was done about the steering group's decisions (public ones only: a
    report may become public, a confidential decision never does)."""
    rows = report.decision_follow_ups.select_related("decision__meeting", "decision__responsible")
    return [
        {
            "decided": dateformat.format(row.decision.meeting.date, "j.n.Y"),
            "decision": row.decision.text,
            "responsible": _texts(row.decision.responsible, "name")
            if row.decision.responsible
            else None,
            "text": row.text,
            "done": row.marked_done,
        }
        for row in rows
        if not row.decision.confidential
    ]


def _name(user: object) -> str:
    full = f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".strip()
    return full or getattr(user, "email", "") or getattr(user, "username", "")


def document_of(report: GoalReport) -> Document:
    """The frozen document of a closed round's report, the live one otherwise."""
    return report.snapshot if report.snapshot is not None else build_document(report)
