"""Template helpers for report documents: texts stored as {fi, sv, en} in the active language (a
Finnish fallback marked with lang="fi"), and the labels of statuses and assessments."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from seuraamo.core.formatting import format_number
from seuraamo.core.translation import FALLBACK_LANGUAGE, active_content_language, localized
from seuraamo.follow_up import display
from seuraamo.follow_up.documents import period_end
from seuraamo.follow_up.meetings import decisions_for_goal
from seuraamo.follow_up.models import TEXT_LABELS
from seuraamo.follow_up.projects import projects_by_measure
from seuraamo.follow_up.sparklines import sparkline
from seuraamo.official_stats.selectors import missing_runs
from seuraamo.periods import Period
from seuraamo.programmes.selectors import light_label

register = template.Library()

for helper in (
    display.doc_plain,
    display.assessment_label,
    display.measure_status_label,
    display.report_status_label,
    display.round_status_label,
    display.project_status_label,
    display.iso_datetime,
):
    register.filter(helper.__name__, helper)


@register.simple_tag
def doc_text(texts: dict[str, str] | None) -> str:
    texts = texts or {}
    language = active_content_language()
    text = texts.get(language) or ""
    if text or language == FALLBACK_LANGUAGE:
        return format_html("{}", text)
    return format_html('<span lang="fi">{}</span>', texts.get(FALLBACK_LANGUAGE, ""))


@register.filter
def period_label(code: str) -> str:
    return Period.parse(code).label(active_content_language())


@register.filter
def doc_number(value: float | Decimal | None) -> str:
    if value is None:
        return "–"
    value = float(value)
    return format_number(value, 1 if value != int(value) else 0)


@register.simple_tag
def text_label(name: str) -> str:
    return str(TEXT_LABELS.get(name, name))


@register.simple_tag
def tr_programme(programme: object) -> str:
    return localized(programme, "name").text


@register.inclusion_tag("follow_up/partials/decisions.html")
def goal_decisions(goal: object) -> dict[str, object]:
    """The steering group's decisions about the goal or its measures, for the goal's pages."""
    return {"decisions": decisions_for_goal(goal), "goal": goal}


@register.simple_tag
def goal_projects(goal: object) -> dict[int, list[object]]:
    """Measure id → the projects implementing it, for the goal's measures (read once a page)."""
    return projects_by_measure(goal)  # type: ignore[return-value, arg-type]


@register.inclusion_tag("follow_up/partials/measure_projects.html")
def measure_projects(by_measure: dict[int, list[object]], measure: object) -> dict[str, object]:
    """The projects and pilots that implement the measure, for the measure's place on a page."""
    return {"projects": by_measure.get(getattr(measure, "pk", 0), [])}


@register.simple_tag
def indicator_light_label(status: object) -> str:
    return light_label(status)


def _target_year(target: dict[str, object]) -> int:
    """A document's target year (documents frozen before yearly targets hold a date instead)."""
    return int(target["year"]) if "year" in target else int(str(target["date"])[:4])


@register.simple_tag
def indicator_trend(indicator: dict[str, object], period: str) -> str:
    """The indicator's recent values up to the round's end as a trend line with the next target
    after the period drawn in, followed by the first and last value in words (the line's text
    alternative)."""
    recent = indicator.get("recent") or []
    if len(recent) < 2:
        return ""
    year = period_end(Period.parse(period)).year
    target = next(
        (
            t["value"]
            for t in sorted(indicator.get("targets", []), key=_target_year)
            if _target_year(t) >= year
        ),
        None,
    )
    (first_period, first), (last_period, last) = recent[0], recent[-1]
    gaps = format_html_join(
        "",
        '<span class="trend-text">{}</span>',
        (
            (no_figures(start, end),)
            for start, end in missing_runs([p for p, v in recent if v is not None])
        ),
    )
    return format_html(
        '{}<span class="trend-text">{} {} → {} {}</span>{}',
        sparkline([(period, value) for period, value in recent], target),
        period_label(first_period),
        doc_number(first),
        period_label(last_period),
        doc_number(last),
        gaps,
    )


def no_figures(first: str, last: str) -> str:
    """The words that name a run of periods without a figure in a trend line."""
    return _("no figures %(first)s–%(last)s") % {
        "first": period_label(first),
        "last": period_label(last),
    }
