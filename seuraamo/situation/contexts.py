"""The template contexts of the situation pages' main content (cached by the views)."""

from __future__ import annotations

import functools
import json

from django.urls import reverse
from django.utils.translation import gettext as _

from seuraamo.areas import region
from seuraamo.areas.region import MUNICIPALITIES, REGION
from seuraamo.core.formatting import at_month_end, current_language, month_name
from seuraamo.official_stats import selectors, statistics, vocabulary
from seuraamo.publications import selectors as publication_selectors
from seuraamo.situation import chart_options, headline, lfs, pages, peers, review, warnings
from seuraamo.situation.svg import format_locale, time_format_locale


@functools.cache
def _vega_locale(language: str) -> str:
    locale = {"format": format_locale(language), "time": time_format_locale(language)}
    return json.dumps(locale, ensure_ascii=False).replace("<", "\\u003c")


def vega_locale() -> str:
    """The d3 number and time locale of the active language, for the browser's charts."""
    return _vega_locale(current_language())


def municipality_links() -> list[tuple[str, str]]:
    return [
        (chart_options.area_name(code), reverse("situation:municipality", args=[code]))
        for code in MUNICIPALITIES
    ]


def _headline_title(found: selectors.Headline | None) -> str:
    """ "Kymenlaakso kesäkuun 2026 lopussa" / "Kymmenedalen i slutet av juni 2026" …"""
    if found is None:
        return ""
    language = current_language()
    return f"{found.area.name(language)} {at_month_end(found.period, language)}"


def _projection_note() -> dict[str, str]:
    found = selectors.trend_projection(
        vocabulary.UNEMPLOYMENT_TABLE, statistics.DEFAULT_STATISTIC, region.REGION
    )
    if found is None:
        return {}
    return {
        "origin": found.origin,
        "latest": found.latest,
        "origin_month": month_name(found.origin),
    }


def _barometer() -> dict[str, object]:
    found = publication_selectors.barometer_view(REGION)
    return {
        "barometer": found,
        "barometer_area": chart_options.area_name(REGION),
        "barometer_month": month_name(found.month) if found else "",
    }


def situation(area: str, statistic: str) -> dict[str, object]:
    choice = pages.choose(area, statistic)
    status = pages.data_status()
    found = selectors.headline_figures(REGION)
    facts = review.build_review() if found else None
    return {
        "headline_title": _headline_title(found),
        "status": status,
        "headline": found,
        "cards": headline.cards(found) if found else [],
        "choice": choice,
        "figures": {
            "timeseries": pages.figure(pages.timeseries(choice.area, choice.statistic)),
            "municipalities": pages.figure(pages.municipalities()),
            "map": pages.figure(pages.municipality_map()),
            "occupations": pages.figure(pages.occupations()),
            "training": pages.figure(pages.training()),
            "projection": pages.figure(pages.projection()),
        },
        "review_html": review.render_review(facts) if facts else "",
        "review_month": facts.month if facts else "",
        "municipalities": municipality_links(),
        "lfs": lfs.section(),
        "projection": _projection_note(),
        "peers": peers.section(),
        "publications": publication_selectors.register(),
        **_barometer(),
        "warnings": warnings.section(MUNICIPALITIES),
        "source": pages.source_for(status),
    }


def municipality(code: str, name: str, statistic: str) -> dict[str, object]:
    choice = pages.choose(code, statistic, fixed_area=code)
    found = selectors.headline_figures(code)
    region = selectors.headline_figures(REGION, found.period) if found else None
    return {
        "headline_title": _headline_title(found),
        "name": name,
        "code": code,
        "status": pages.data_status(),
        "headline": found,
        "cards": headline.cards(found, region=region.area if region else None) if found else [],
        "choice": choice,
        "figure": pages.figure(pages.timeseries(code, choice.statistic)),
        "warnings": warnings.section((code,), named=False),
        "municipalities": municipality_links(),
    }


def review_page(wanted: str) -> dict[str, object]:
    periods = review.review_periods()
    period = wanted if wanted in periods else None
    notice = ""
    if wanted and period is None:
        notice = _("There are no figures for the month %(period)s; showing the latest month.") % {
            "period": wanted
        }
    facts = review.build_review(period)
    status = pages.data_status()
    title = (
        _("Employment review, %(month)s") % {"month": facts.month}
        if facts
        else _("Employment review")
    )
    return {
        "title": title,
        "facts": facts,
        "review_html": review.render_review(facts) if facts else "",
        "periods": [(p, month_name(p)) for p in periods],
        "notice": notice,
        "status": status,
        "source": pages.source_for(status),
    }
