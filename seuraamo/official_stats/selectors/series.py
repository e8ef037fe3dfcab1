"""Reading observations: time series of content codes and derived statistics, for any area.

An area that is a union of municipalities (its ``AreaMembership`` rows, e.g. the employment
areas TA04 and TA16) is computed from its members of today when the table has no figures of its
own for it: counts are summed (missing if any member is missing), ratios are recomputed from the
summed numerators and denominators.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count

from seuraamo.areas.region import COUNTRY
from seuraamo.areas.selectors import members_by_area
from seuraamo.core.memo import once_per_build, sharing
from seuraamo.official_stats.derived import (
    Point,
    StatisticSpec,
    aggregate,
    compute_statistic,
    parse_statistic,
    period_key,
    readable,
    valid_periods,
)
from seuraamo.official_stats.models import Observation
from seuraamo.periods import Frequency, Period


class SeriesStore:
    """Observations of one table for some content codes and areas, loaded with one query.

    ``periods`` restricts the load to those periods (pass ``None`` when a statistic needs history,
    e.g. a moving average or a change from a year earlier).
    """

    def __init__(
        self,
        table_id: str,
        codes: Iterable[str],
        areas: Iterable[str],
        periods: Iterable[str] | None = None,
        extra_code: str = "",
    ) -> None:
        self.table_id = table_id
        areas = list(areas)
        # Union areas are summed on today's division for every period (see areas.selectors).
        self.members: dict[str, list[str]] = members_by_area(areas)
        wanted = set(areas) | {m for members in self.members.values() for m in members}
        rows = Observation.objects.filter(
            table__table_id=table_id,
            content_code__in=list(codes),
            area_code__in=sorted(wanted),
            extra_code=extra_code,
        )
        if periods is not None:
            rows = rows.filter(period__in=list(periods))
        self.points: dict[tuple[str, str], list[Point]] = defaultdict(list)
        #: Stored rows left out because their period is not a period (see ``readable``).
        self.unreadable = 0
        for code, area, period, value, status in rows.values_list(
            "content_code", "area_code", "period", "value", "status"
        ):
            if not Period.is_valid(period):
                self.unreadable += 1
                continue
            self.points[(code, area)].append(Point(period, *readable(value, status)))
        for points in self.points.values():
            points.sort(key=lambda point: period_key(point.period))

    def content(self, code: str, area: str) -> list[Point]:
        """The stored series of ``code`` for ``area``, or the sum over its member areas."""
        direct = self.points.get((code, area))
        if direct:
            return direct
        members = self.members.get(area)
        if not members:
            return []
        return aggregate({m: self.points.get((code, m), []) for m in members}, members)

    def statistic(self, spec: StatisticSpec, area: str) -> list[Point]:
        return compute_statistic(
            spec, {code: self.content(code, area) for code in spec.content_codes}
        )


def _within(points: Sequence[Point], start: str | None, end: str | None) -> list[Point]:
    low = period_key(start) if start else None
    high = period_key(end) if end else None
    return [
        point
        for point in points
        if (low is None or period_key(point.period) >= low)
        and (high is None or period_key(point.period) <= high)
    ]


def series(
    table_id: str,
    statistic: str,
    area_code: str,
    start: str | None = None,
    end: str | None = None,
    extra_code: str = "",
) -> list[Point]:
    """The series of ``statistic`` for ``area_code`` from ``start`` to ``end`` (inclusive), of the
    table's further dimension ``extra_code`` (an occupation of 12ti; "" for tables without one).

    ``statistic`` is a content code (``TYOTTOMATLOPUSSA``), a derived ratio (``share``,
    ``long_term_share``, ``under25_share``, ``foreign_share``, ``vacancies_per_unemployed``) or
    either with a suffix: ``_ma12`` (12-month moving average), ``_yoy`` (change from a year
    earlier), ``_yoy_pct`` (the same in percent). Missing values are ``Point(period, None,
    status)`` with the reason in ``status`` (``...`` suppressed, ``missing``).
    """
    spec = parse_statistic(statistic)
    store = _series_store(table_id, spec.content_codes, area_code, extra_code)
    return _within(store.statistic(spec, area_code), start, end)


@once_per_build
def _series_store(
    table_id: str, content_codes: tuple[str, ...], area_code: str, extra_code: str
) -> SeriesStore:
    return SeriesStore(table_id, content_codes, [area_code], extra_code=extra_code)


@once_per_build
def _stored_periods(table_id: str, content_code: str | None = None) -> list[Period]:
    """The table's stored periods in order (for ``content_code`` if given), looking at the
    whole country's rows first (an index lookup), then at the whole table. Codes that are not
    periods are left out."""
    # Within a page's build, every table's whole-country periods come in one query; alone, one
    # table's come cheaper by themselves.
    if (
        sharing()
        and not content_code
        and (country := _country_periods_of_every_table().get(table_id))
    ):
        return valid_periods(country)
    rows = Observation.objects.filter(table__table_id=table_id)
    if content_code:
        rows = rows.filter(content_code=content_code)
    for subset in (rows.filter(area_code=COUNTRY), rows):
        periods = valid_periods(subset.order_by().values_list("period", flat=True).distinct())
        if periods:
            return periods
    return []


@once_per_build
def _country_periods_of_every_table() -> dict[str, set[str]]:
    """Every table's periods with whole-country rows, in one query (a page asks for several
    tables' periods)."""
    periods: dict[str, set[str]] = defaultdict(set)
    rows = Observation.objects.filter(area_code=COUNTRY).order_by()
    for table_id, period in rows.values_list("table__table_id", "period").distinct():
        periods[table_id].add(period)
    return periods


def is_stored_month(table_id: str, period: str) -> bool:
    """Whether ``period`` is a month (``2026M06``) with figures stored in the table."""
    return Period.is_valid(period, Frequency.MONTH) and (
        Observation.objects.filter(
            table__table_id=table_id, period=period, value__isnull=False
        ).exists()
    )


def has_rows(table_id: str, area_code: str) -> bool:
    """Whether the table stores any row of its own for the area (not only its members')."""
    return Observation.objects.filter(table__table_id=table_id, area_code=area_code).exists()


def months_with_values(table_id: str, area_codes: Sequence[str]) -> dict[str, dict[str, int]]:
    """content code -> area code -> how many periods have a value, in one query."""
    rows = (
        Observation.objects.filter(
            table__table_id=table_id, area_code__in=list(area_codes), value__isnull=False
        )
        .values("area_code", "content_code")
        .annotate(months=Count("id"))
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["content_code"], {})[row["area_code"]] = row["months"]
    return counts


def period_span(table_id: str) -> tuple[Period | None, Period | None]:
    """The first and the last period stored in any row of the table (``None`` if empty)."""
    rows = Observation.objects.filter(table__table_id=table_id).order_by()
    periods = valid_periods(rows.values_list("period", flat=True).distinct())
    return (periods[0], periods[-1]) if periods else (None, None)


def latest_period(table_id: str, content_code: str | None = None) -> Period | None:
    """The latest period stored for the table (for ``content_code`` if given), or ``None``."""
    periods = _stored_periods(table_id, content_code)
    return periods[-1] if periods else None


def missing_runs(periods: Sequence[str]) -> list[tuple[Period, Period]]:
    """The runs of periods missing between stored ones, as (first missing, last missing):
    ``["2023M10", "2026M06"]`` -> ``[("2023M11", "2026M05")]``. Periods must share one frequency."""
    found = []
    ordered = [Period.parse(code) for code in sorted(set(periods), key=period_key)]
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.ordinal - before.ordinal > 1:
            found.append((before.shift(1), after.shift(-1)))
    return found


@dataclass(frozen=True)
class StoredSpan:
    """A table's first and latest stored period and the runs of periods missing between them."""

    first: Period | None
    latest: Period | None
    gaps: tuple[tuple[Period, Period], ...]


def stored_span(table_id: str) -> StoredSpan:
    """First, latest and missing periods from one reading of the stored periods."""
    periods = _stored_periods(table_id)
    if not periods:
        return StoredSpan(None, None, ())
    return StoredSpan(periods[0], periods[-1], tuple(missing_runs(periods)))
