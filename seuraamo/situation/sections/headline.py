"""The headline figures of an area as cards: the value in the latest month, the change from a year
earlier and the whole country alongside, as text (no meaning carried by colour alone); and the
section's title, the area at the end of the month."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from seuraamo.core.formatting import (
    at_month_end,
    current_language,
    format_number,
    format_percent,
    month_name,
)
from seuraamo.official_stats.derived import NO_TOTAL, SUPPRESSED
from seuraamo.official_stats.selectors import AreaFigures, Figure, Headline
from seuraamo.official_stats.statistics import HEADLINE_LABELS

ORDER = tuple(HEADLINE_LABELS)


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    value: str  # "" when missing
    missing_reason: str
    change: str  # "+812 (+8,7 %) from June 2025" or a sentence saying there is no comparison
    country: str  # "Whole country: 352 001"
    region: str = ""  # "Kymenlaakso: 10 153" on a municipality's page


def title(found: Headline | None) -> str:
    """ "Kymenlaakso kesäkuun 2026 lopussa" / "Kymmenedalen i slutet av juni 2026" …"""
    if found is None:
        return ""
    language = current_language()
    return f"{found.area.name(language)} {at_month_end(found.period, language)}"


def value_text(figure: Figure, language: str | None = None) -> str:
    if figure.value is None:
        return ""
    if figure.unit == "percent":
        return format_percent(figure.value, 1, language)
    if figure.unit == "ratio":
        return format_number(figure.value, 2, language)
    return format_number(figure.value, 0, language)


def change_text(figure: Figure, language: str | None = None) -> str:
    month = month_name(figure.year_earlier_period, language)
    if figure.change is None:
        if figure.compared is not None:
            return _earlier_text(figure, language)
        return _("No figure for %(month)s to compare with.") % {"month": month}
    if figure.unit == "percent":
        amount = format_number(figure.change, 1, language, signed=True)
        return _("%(amount)s percentage points from a year earlier (%(month)s)") % {
            "amount": amount,
            "month": month,
        }
    amount = format_number(figure.change, 0, language, signed=True)
    if figure.change_pct is None:
        text = _("%(amount)s from a year earlier (%(month)s)")
        return text % {"amount": amount, "month": month}
    percent = format_percent(figure.change_pct, 1, language, signed=True)
    return _("%(amount)s (%(percent)s) from a year earlier (%(month)s)") % {
        "amount": amount,
        "percent": percent,
        "month": month,
    }


def _earlier_text(figure: Figure, language: str | None) -> str:
    """The change from the latest same month with a figure, naming both months."""
    assert figure.compared is not None
    earlier = figure.compared
    names = {
        "missing": month_name(figure.year_earlier_period, language),
        "month": month_name(earlier.period, language),
    }
    if earlier.change is None:
        return (
            _("No figure for %(missing)s; %(month)s is the latest month to compare with.") % names
        )
    if figure.unit == "percent":
        amount = format_number(earlier.change, 1, language, signed=True)
        text = _(
            "%(amount)s percentage points from %(month)s, the latest same month with a figure "
            "(none for %(missing)s)"
        )
        return text % {**names, "amount": amount}
    amount = format_number(earlier.change, 0, language, signed=True)
    percent = (
        format_percent(earlier.change_pct, 1, language, signed=True)
        if earlier.change_pct is not None
        else "–"
    )
    text = _(
        "%(amount)s (%(percent)s) from %(month)s, the latest same month with a figure "
        "(none for %(missing)s)"
    )
    return text % {**names, "amount": amount, "percent": percent}


def _missing_reason(figure: Figure) -> str:
    if figure.status == SUPPRESSED:
        return _("Not published (confidential: too few persons).")
    if figure.status == NO_TOTAL:
        return _("The total cannot be formed: a member municipality's figure is not published.")
    return _("No figure stored for this month.")


def cards(
    headline: Headline, *, with_country: bool = True, region: AreaFigures | None = None
) -> list[Card]:
    """The headline cards; with ``region``, each also names the region's figure (a
    municipality's page compares with Kymenlaakso and the whole country)."""
    language = current_language()
    found = []
    for key in ORDER:
        figure = headline.area.figures.get(key)
        if figure is None:
            continue
        country = headline.country.figures.get(key)
        country_line = ""
        if with_country and country is not None:
            name = headline.country.name(language)
            country_line = f"{name}: {value_text(country, language) or '…'}"
        region_line = ""
        if region is not None and key in region.figures:
            shown = value_text(region.figures[key], language) or "…"
            region_line = f"{region.name(language)}: {shown}"
        found.append(
            Card(
                key=key,
                label=str(HEADLINE_LABELS[key]),
                value=value_text(figure, language),
                missing_reason=_missing_reason(figure) if figure.value is None else "",
                change=change_text(figure, language),
                country=country_line,
                region=region_line,
            )
        )
    return found
