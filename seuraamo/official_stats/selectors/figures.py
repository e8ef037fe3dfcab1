"""Figures for the situation-picture pages: headline figures, municipality comparison, occupations."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from seuraamo.areas.region import COUNTRY, REGION
from seuraamo.areas.selectors import AreaView, areas_by_code
from seuraamo.core.memo import once_per_build
from seuraamo.official_stats.derived import (
    RATIO_STATISTICS,
    Point,
    change,
    parse_statistic,
    year_earlier,
)
from seuraamo.official_stats.models import Observation
from seuraamo.official_stats.registry import OCCUPATION_TABLE, UNEMPLOYMENT_TABLE
from seuraamo.official_stats.selectors.series import SeriesStore, latest_period
from seuraamo.official_stats.services.snapshot import TABLES_JSON
from seuraamo.periods import Period, PeriodError

#: Content codes that count open jobs, not persons.
VACANCY_CODES = frozenset({"AVPAIKATLOPUSSA", "UUDETAVP"})

#: Headline figures: key -> statistic (content code or derived ratio) of tyonv/12r5.
HEADLINE_STATISTICS: dict[str, str] = {
    "unemployed": "TYOTTOMATLOPUSSA",
    "share": "share",
    "long_term": "PITKAAIKAISTYOTTOMAT",
    "under_25": "TYOTTOMAT25",
    "foreign": "TYOTTOMATULK",
    "vacancies": "AVPAIKATLOPUSSA",
}
#: The municipality comparison shows the headline figures and these shares.
COMPARISON_STATISTICS: dict[str, str] = {
    **HEADLINE_STATISTICS,
    "long_term_share": "long_term_share",
    "under25_share": "under25_share",
    "foreign_share": "foreign_share",
    "vacancies_per_unemployed": "vacancies_per_unemployed",
}
#: Rows of the municipality comparison: the six municipalities, the two employment areas of
#: 2025, the region and the whole country.
COMPARISON_AREAS: tuple[str, ...] = (
    "KU075",
    "KU285",
    "KU489",
    "KU624",
    "KU935",
    "TA04",
    "KU286",
    "TA16",
    REGION,
    COUNTRY,
)


@dataclass(frozen=True)
class Figure:
    """One figure for one period with its value a year earlier and the change.

    ``unit`` is ``persons``, ``percent`` or ``ratio``; for a percentage the absolute change is in
    percentage points. ``status`` explains a missing ``value`` (``...`` suppressed, ``missing``).
    """

    key: str
    statistic: str
    unit: str
    period: Period
    value: float | None
    year_earlier_period: Period
    year_earlier_value: float | None
    change: float | None
    change_pct: float | None
    status: str
    #: When there is no figure a year earlier: the same month of the latest earlier year that has
    #: one (2023M06 for 2026M06 in the offline snapshot), with the change from it.
    compared: Earlier | None = None


@dataclass(frozen=True)
class Earlier:
    """The figure a headline is compared with when the year-earlier one is missing."""

    period: Period
    value: float
    change: float | None
    change_pct: float | None


@dataclass(frozen=True)
class AreaFigures:
    area_code: str
    name_fi: str
    name_sv: str
    name_en: str
    level: str
    figures: dict[str, Figure]

    def name(self, lang: str = "fi") -> str:
        """The area's name in ``lang``, falling back to Finnish."""
        return getattr(self, f"name_{lang}", "") or self.name_fi


@dataclass(frozen=True)
class Headline:
    """Headline figures of an area and of the whole country for the same period."""

    table_id: str
    period: Period
    year_earlier_period: Period
    area: AreaFigures
    country: AreaFigures


@dataclass(frozen=True)
class Comparison:
    table_id: str
    period: Period
    year_earlier_period: Period
    rows: list[AreaFigures]


def _unit(statistic: str) -> str:
    spec = parse_statistic(statistic)
    ratio = RATIO_STATISTICS.get(spec.base)
    if ratio:
        return ratio.unit
    return "vacancies" if spec.base in VACANCY_CODES else "persons"


def _figure(key: str, statistic: str, points: Sequence[Point], period: Period) -> Figure:
    by_period = {point.period: point for point in points}
    earlier_period = year_earlier(period)
    current = by_period.get(period)
    earlier = by_period.get(earlier_period)
    value = current.value if current else None
    earlier_value = earlier.value if earlier else None
    absolute, relative = change(value, earlier_value)
    status = "" if value is not None else (current.status if current else "") or "missing"
    compared = None
    if value is not None and earlier_value is None:
        compared = _latest_same_month(by_period, period)
    return Figure(
        key, statistic, _unit(statistic), period, value, earlier_period, earlier_value,
        absolute, relative, status, compared,
    )  # fmt: skip


#: How many years back a headline looks for the same month with a figure.
LOOK_BACK_YEARS = 25


@functools.lru_cache(maxsize=1024)
def _same_months(period: Period) -> tuple[Period, ...]:
    """``period`` and the same period in each of the :data:`LOOK_BACK_YEARS` years before it.
    Cached: the situation page asks for the same few periods some 500 times."""
    start = Period.parse(period)
    found = []
    for years in range(LOOK_BACK_YEARS + 1):
        try:
            found.append(start.shift(-years * start.frequency.per_year))
        except PeriodError:
            break
    return tuple(found)


def _latest_same_month(by_period: Mapping[Period, Point], period: Period) -> Earlier | None:
    current = by_period[period].value
    for earlier in _same_months(period)[2:]:  # the year-earlier one is already missing
        point = by_period.get(earlier)
        if point is not None and point.value is not None:
            absolute, relative = change(current, point.value)
            return Earlier(earlier, point.value, absolute, relative)
    return None


def _area_figures(
    store: SeriesStore,
    area_code: str,
    area: AreaView | None,
    statistics: Mapping[str, str],
    period: Period,
) -> AreaFigures:
    figures = {
        key: _figure(key, statistic, store.statistic(parse_statistic(statistic), area_code), period)
        for key, statistic in statistics.items()
    }
    return AreaFigures(
        area_code=area_code,
        name_fi=area.name_fi if area else area_code,
        name_sv=area.name_sv if area else "",
        name_en=area.name_en if area else "",
        level=area.level if area else "",
        figures=figures,
    )


def figures_for(
    areas: Sequence[str], statistics: Mapping[str, str], period: Period
) -> list[AreaFigures]:
    codes = {code for m in statistics.values() for code in parse_statistic(m).content_codes}
    store = SeriesStore(UNEMPLOYMENT_TABLE, codes, areas, periods=_same_months(period))
    names = areas_by_code(areas)
    return [_area_figures(store, code, names.get(code), statistics, period) for code in areas]


def headline_figures(area_code: str = REGION, period: Period | None = None) -> Headline | None:
    """Unemployed, unemployment share, long-term, under-25 and foreign unemployed and open
    vacancies of ``area_code`` and of the whole country in ``period`` (default: the latest month
    of tyonv/12r5), each with the value a year earlier and the change. ``None`` without data.
    """
    period = period or latest_period(UNEMPLOYMENT_TABLE)
    if period is None:
        return None
    return _headline(area_code, period)


@once_per_build
def _headline(area_code: str, period: Period) -> Headline:
    area, country = figures_for([area_code, COUNTRY], HEADLINE_STATISTICS, period)
    return Headline(UNEMPLOYMENT_TABLE, period, year_earlier(period), area, country)


def municipality_comparison(period: Period | None = None) -> Comparison | None:
    """The Kymenlaakso municipalities, employment areas, region and whole country side by side
    (:data:`COMPARISON_STATISTICS`) in ``period`` (default: the latest month)."""
    period = period or latest_period(UNEMPLOYMENT_TABLE)
    if period is None:
        return None
    return _comparison(period)


@once_per_build
def _comparison(period: Period) -> Comparison:
    rows = figures_for(COMPARISON_AREAS, COMPARISON_STATISTICS, period)
    return Comparison(UNEMPLOYMENT_TABLE, period, year_earlier(period), rows)


# -- occupations (tyonv/12ti) --------------------------------------------------------------------


@dataclass(frozen=True)
class OccupationGroup:
    """A major occupational group (first digit of the Ammattiluokitus 2010 code; X = unknown).

    ``unemployed``/``vacancies`` sum the group's published cells; ``*_suppressed`` count the cells
    left out because Statistics Finland suppressed them (small numbers), so the true total is at
    least the sum shown.
    """

    code: str
    label_fi: str
    label_sv: str
    label_en: str
    unemployed: int
    vacancies: int
    unemployed_suppressed: int
    vacancies_suppressed: int

    def label(self, lang: str = "fi") -> str:
        return getattr(self, f"label_{lang}", "") or self.label_fi


@dataclass(frozen=True)
class OccupationBreakdown:
    table_id: str
    area_code: str
    period: Period
    groups: list[OccupationGroup]
    total_unemployed: float | None
    total_vacancies: float | None


@functools.cache
def occupation_group_labels() -> dict[str, dict[str, str]]:
    """Labels of the major groups from the snapshot's tables.json."""
    groups = json.loads(TABLES_JSON.read_text(encoding="utf-8"))["occupation_major_groups"]
    return {group["code"]: group for group in groups}


def occupation_groups(
    area_code: str = REGION, period: Period | None = None
) -> OccupationBreakdown | None:
    """Unemployed jobseekers and open vacancies by major occupational group (tyonv/12ti)."""
    period = period or latest_period(OCCUPATION_TABLE)
    if period is None:
        return None
    rows = Observation.objects.filter(
        table__table_id=OCCUPATION_TABLE,
        area_code=area_code,
        period=period,
        content_code__in=["TYOTTOMATLOPUSSA", "AVPAIKATLOPUSSA"],
    ).values_list("content_code", "extra_code", "value")
    sums: dict[tuple[str, str], float] = {}
    suppressed: dict[tuple[str, str], int] = {}
    totals: dict[str, float | None] = {}
    for content, occupation, value in rows:
        if occupation == COUNTRY:
            totals[content] = value
            continue
        key = (content, occupation[:1])
        sums.setdefault(key, 0)
        suppressed.setdefault(key, 0)
        if value is None:
            suppressed[key] += 1
        else:
            sums[key] += value
    labels = occupation_group_labels()
    groups = [
        OccupationGroup(
            code=code,
            label_fi=labels.get(code, {}).get("label_fi", code),
            label_sv=labels.get(code, {}).get("label_sv", ""),
            label_en=labels.get(code, {}).get("label_en", ""),
            unemployed=int(sums.get(("TYOTTOMATLOPUSSA", code), 0)),
            vacancies=int(sums.get(("AVPAIKATLOPUSSA", code), 0)),
            unemployed_suppressed=suppressed.get(("TYOTTOMATLOPUSSA", code), 0),
            vacancies_suppressed=suppressed.get(("AVPAIKATLOPUSSA", code), 0),
        )
        for code in sorted({group for _content, group in sums})
    ]
    return OccupationBreakdown(
        OCCUPATION_TABLE,
        area_code,
        period,
        groups,
        totals.get("TYOTTOMATLOPUSSA"),
        totals.get("AVPAIKATLOPUSSA"),
    )
