"""The labour force survey on the situation page: the national key figures from the snapshot (or
the latest sync) and Kymenlaakso's employment rate once the regional table has been synced."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seuraamo.core.formatting import current_language, format_number, format_percent, month_name
from seuraamo.official_stats import selectors
from seuraamo.periods import Period
from seuraamo.situation.selectors import area_name

LABELS = {
    "employment_rate": gettext_lazy("Employment rate, 15–64-year-olds"),
    "employment_rate_20_64": gettext_lazy("Employment rate, 20–64-year-olds"),
    "unemployment_rate": gettext_lazy("Unemployment rate, 15–74-year-olds"),
    "youth_unemployment_rate": gettext_lazy("Unemployment rate, 15–24-year-olds"),
    "employed": gettext_lazy("Employed, thousands"),
    "unemployed": gettext_lazy("Unemployed, thousands"),
}


@dataclass(frozen=True)
class LfsRow:
    key: str
    label: str
    measured: str
    trend: str
    adjusted: str


@dataclass(frozen=True)
class LfsSection:
    month: str
    period: Period
    rows: list[LfsRow]
    source: str
    updated: object  # datetime or None: the source's publication time
    regional: str  # "Kymenlaakso 71.2 %, whole country 73.0 % (Q2 2026)" or ""


def _text(value: float | None, unit: str) -> str:
    if value is None:
        return "…"
    if unit == "percent":
        return format_percent(value, 1)
    return format_number(value, 0)


def section() -> LfsSection | None:
    national = selectors.national_lfs()
    if national is None:
        return None
    rows = [
        LfsRow(
            figure.key,
            str(LABELS[figure.key]),
            _text(figure.value, figure.unit),
            _text(figure.trend, figure.unit),
            _text(figure.adjusted, figure.unit),
        )
        for figure in national.figures
    ]
    regional = ""
    rate = selectors.regional_employment_rate()
    if rate is not None and rate.region is not None:
        regional = _(
            "Employment rate in %(period)s: %(region)s %(region_value)s, whole country "
            "%(country_value)s."
        ) % {
            "period": Period.parse(rate.period).label(current_language()),
            "region": area_name("MK08"),
            "region_value": _text(rate.region, "percent"),
            "country_value": _text(rate.country, "percent"),
        }
    return LfsSection(
        month=month_name(national.period),
        period=national.period,
        rows=rows,
        source=_("Source: Statistics Finland, labour force survey"),
        updated=national.updated_at_source,
        regional=regional,
    )
