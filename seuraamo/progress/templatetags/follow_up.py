"""Template helpers for report documents: texts stored as {fi, sv, en} in the active language (a
Finnish fallback marked with lang="fi"), and the labels of statuses and assessments."""

from __future__ import annotations

import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html

from seuraamo.core.formatting import format_number
from seuraamo.core.translation import FALLBACK_LANGUAGE, active_content_language
from seuraamo.progress.models import Assessment, MeasureStatusChoice, ReportStatus, RoundStatus

register = template.Library()


@register.simple_tag
def doc_text(texts: dict[str, str] | None) -> str:
    texts = texts or {}
    language = active_content_language()
    text = texts.get(language) or ""
    if text or language == FALLBACK_LANGUAGE:
        return format_html("{}", text)
    return format_html('<span lang="fi">{}</span>', texts.get(FALLBACK_LANGUAGE, ""))


@register.filter
def doc_plain(texts: dict[str, str] | None) -> str:
    texts = texts or {}
    return texts.get(active_content_language()) or texts.get(FALLBACK_LANGUAGE, "")


@register.filter
def assessment_label(code: str) -> str:
    return str(Assessment(code).label) if code in Assessment.values else ""


@register.filter
def measure_status_label(code: str) -> str:
    return str(MeasureStatusChoice(code).label) if code in MeasureStatusChoice.values else ""


@register.filter
def report_status_label(code: str) -> str:
    return str(ReportStatus(code).label) if code in ReportStatus.values else ""


@register.filter
def round_status_label(code: str) -> str:
    return str(RoundStatus(code).label) if code in RoundStatus.values else ""


@register.filter
def period_label(code: str) -> str:
    from seuraamo.official_stats.pxweb.periods import Period

    return Period.parse(code).label(active_content_language())


@register.filter
def iso_datetime(value: str | None) -> str:
    """A moment stored in a document as ISO 8601, in the local time zone as "7.12.2026 14.05"."""
    if not value:
        return ""
    moment = datetime.datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dateformat.format(moment, "j.n.Y H.i")


@register.filter
def doc_number(value: float | None) -> str:
    if value is None:
        return "–"
    return format_number(value, 1 if value != int(value) else 0)


@register.simple_tag
def text_label(name: str) -> str:
    from seuraamo.progress.forms import TEXT_LABELS

    return str(TEXT_LABELS.get(name, name))


@register.simple_tag
def tr_programme(programme: object) -> str:
    from seuraamo.core.translation import localized

    return localized(programme, "name").text


@register.inclusion_tag("progress/partials/decisions.html")
def goal_decisions(goal: object) -> dict[str, object]:
    """The steering group's decisions about the goal or its measures, for the goal's pages."""
    from seuraamo.progress.meetings import decisions_for_goal

    return {"decisions": decisions_for_goal(goal), "goal": goal}


@register.simple_tag
def indicator_light_label(status: object) -> str:
    from seuraamo.programmes.selectors import light_label

    return light_label(status)


def _target_year(target: dict[str, object]) -> int:
    """A document's target year (documents frozen before yearly targets hold a date instead)."""
    return int(target["year"]) if "year" in target else int(str(target["date"])[:4])


@register.simple_tag
def indicator_trend(indicator: dict[str, object], period: str) -> str:
    """The indicator's recent values up to the round's end as a trend line with the next target
    after the period drawn in, followed by the first and last value in words (the line's text
    alternative)."""
    from django.utils.html import format_html

    from seuraamo.official_stats.pxweb.periods import Period
    from seuraamo.progress.documents import period_end
    from seuraamo.progress.sparklines import sparkline

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
    return format_html(
        '{}<span class="trend-text">{} {} → {} {}</span>',
        sparkline([value for _period, value in recent], target),
        first_period,
        doc_number(first),
        last_period,
        doc_number(last),
    )
