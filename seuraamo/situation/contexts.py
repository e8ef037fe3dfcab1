"""The template contexts of the situation pages' main content (cached by the views): each page put
together from its sections (sections/) and its charts (pages.py), with the links between pages."""

from __future__ import annotations

import functools
import json

from django.urls import reverse
from django.utils.translation import gettext as _

from seuraamo.areas.region import MUNICIPALITIES, REGION
from seuraamo.core.formatting import current_language, month_name
from seuraamo.official_stats import selectors
from seuraamo.publications import selectors as publication_selectors
from seuraamo.situation import pages
from seuraamo.situation.charts.svg import format_locale, time_format_locale
from seuraamo.situation.sections import (
    barometer,
    data_status,
    headline,
    lfs,
    peers,
    review,
    warnings,
)
from seuraamo.situation.selectors import area_name


@functools.cache
def _vega_locale(language: str) -> str:
    locale = {"format": format_locale(language), "time": time_format_locale(language)}
    return json.dumps(locale, ensure_ascii=False).replace("<", "\\u003c")


def vega_locale() -> str:
    """The d3 number and time locale of the active language, for the browser's charts."""
    return _vega_locale(current_language())


def municipality_links() -> list[tuple[str, str]]:
    return [
        (area_name(code), reverse("situation:municipality", args=[code])) for code in MUNICIPALITIES
    ]


def situation(area: str, statistic: str) -> dict[str, object]:
    choice = pages.choose(area, statistic)
    status = data_status.data_status()
    found = selectors.headline_figures(REGION)
    facts = review.build_review() if found else None
    return {
        "headline_title": headline.title(found),
        "status": status,
        "headline": found,
        "cards": headline.cards(found) if found else [],
        "choice": choice,
        "charts": {
            "timeseries": pages.chart(pages.timeseries(choice.area, choice.statistic)),
            "municipalities": pages.chart(pages.municipalities()),
            "map": pages.chart(pages.municipality_map()),
            "occupations": pages.chart(pages.occupations()),
            "training": pages.chart(pages.training()),
            "projection": pages.chart(pages.projection()),
        },
        # The early warning has its own section above the review (_warnings.html).
        "review_html": review.render_review(facts, warnings_link="#warning-title") if facts else "",
        "review_month": facts.month if facts else "",
        "municipalities": municipality_links(),
        "lfs": lfs.section(),
        "projection": pages.projection_note(),
        "peers": peers.section(),
        "publications": publication_selectors.register(),
        "recorded_figures": publication_selectors.recorded_figures(),
        **barometer.section(),
        "warnings": warnings.section(MUNICIPALITIES),
        "source": pages.source_for(status),
    }


def municipality(code: str, name: str, statistic: str) -> dict[str, object]:
    choice = pages.choose(code, statistic, fixed_area=code)
    found = selectors.headline_figures(code)
    region = selectors.headline_figures(REGION, found.period) if found else None
    return {
        "headline_title": headline.title(found),
        "name": name,
        "code": code,
        "status": data_status.data_status(),
        "headline": found,
        "cards": headline.cards(found, region=region.area if region else None) if found else [],
        "choice": choice,
        "chart": pages.chart(pages.timeseries(code, choice.statistic)),
        "warnings": warnings.section((code,), named=False),
        "municipalities": municipality_links(),
    }


def review_page(wanted: str) -> dict[str, object]:
    periods = review.review_periods()
    period = next((found for found in periods if found == wanted), None)
    notice = ""
    if wanted and period is None:
        notice = _("There are no figures for the month %(period)s; showing the latest month.") % {
            "period": wanted
        }
    facts = review.build_review(period)
    status = data_status.data_status()
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
