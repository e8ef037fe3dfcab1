"""The status of a programme indicator fed by official statistics, with a traffic light.

Traffic-light rule (documented in docs/data-sources.md):

* The **baseline** is the value at the programme's start (``Programme.start_date``, 2021M06 for
  Kymenlaakso): the indicator's recorded ``baseline_value`` when its ``baseline_date`` is in that
  period (a value from another source), else the stored series' value for that period. Where
  neither exists the baseline is missing — never the latest value standing in for it.
* **grey** — no value: the indicator is not of kind *official*, its series has no value, or
  the baseline is missing.
* With a **target for the current year** (set by the steering group, ``IndicatorTarget``), compare
  the latest value with it: **green** when reached (for *maintain*: within the tolerance of the
  target), **amber** when not reached but better than the baseline by more than the tolerance (for
  *maintain*: within three times the tolerance), **red** otherwise.
* Without one, compare the latest value with the baseline. The tolerance is 2 % of the baseline
  (at least 0.001): smaller differences count as "no change".
  * desired direction **decrease**: green if the latest value is below the baseline by more than
    the tolerance, red if above it by more than the tolerance, amber in between;
  * **increase**: the mirror image;
  * **maintain**: green within the tolerance, amber within three times it, red beyond.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.utils import timezone

from seuraamo.official_stats.derived import (
    Point,
    change,
    parse_statistic,
    periods_per_year,
    shift_period,
)
from seuraamo.official_stats.selectors.series import SeriesStore, series
from seuraamo.periods import Period

TOLERANCE = 0.02
MINIMUM_TOLERANCE = 0.001
GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"


class Target(Protocol):
    """A year's target of an indicator (``programmes.IndicatorTarget``)."""

    @property
    def year(self) -> int: ...

    @property
    def value(self) -> Decimal: ...


class Targets(Protocol):
    """An indicator's targets (its ``targets`` relation, read with ``all()``)."""

    def all(self) -> Iterable[Target]: ...


class StatisticIndicator(Protocol):
    """What a status reads of an indicator: a ``programmes.Indicator``, which this app may not
    import (the programmes app sits above it)."""

    @property
    def key(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def stat_table(self) -> str: ...

    @property
    def stat_content_code(self) -> str: ...

    @property
    def stat_area(self) -> str: ...

    @property
    def desired_direction(self) -> str: ...

    @property
    def baseline_value(self) -> Decimal | None: ...

    @property
    def baseline_date(self) -> date | None: ...

    @property
    def targets(self) -> Targets: ...


@dataclass(frozen=True)
class IndicatorStatus:
    """Latest value, 12-month trend, baseline, next target and traffic light of an indicator.

    ``trend`` is ``up``/``down``/``flat`` (``None`` without a value a year earlier) and
    ``improving`` says whether that is the desired direction. ``reason`` is a short code for the
    light: ``not_official``, ``no_data``, ``no_baseline``, ``better``, ``no_change``, ``worse``,
    ``kept``, ``drifting``. ``recent`` holds the last 13 points for a sparkline.
    """

    indicator_key: str
    table_id: str
    statistic: str
    area_code: str
    desired_direction: str
    latest_period: Period | None
    latest_value: float | None
    year_earlier_value: float | None
    trend_change: float | None
    trend: str | None
    improving: bool | None
    baseline_value: float | None
    baseline_period: Period | None
    target_year: int | None  # the current year's target, the light's measure when set
    target_value: float | None
    next_target_year: int | None  # the first target from the current year on (for the pages)
    next_target_value: float | None
    light: str
    reason: str
    recent: list[Point] = field(default_factory=list)


def period_of(day: date, like: str) -> Period:
    """The period containing ``day`` in the frequency of the period ``like``."""
    frequency = Period.parse(like).frequency
    return Period(day.year, frequency, (day.month - 1) * frequency.per_year // 12 + 1)


def traffic_light(latest: float | None, baseline: float | None, direction: str) -> tuple[str, str]:
    """The light and its reason code for ``latest`` against ``baseline`` (see the module doc)."""
    if latest is None:
        return GREY, "no_data"
    if baseline is None:
        return GREY, "no_baseline"
    tolerance = max(abs(baseline) * TOLERANCE, MINIMUM_TOLERANCE)
    delta = latest - baseline
    if direction == "maintain":
        if abs(delta) <= tolerance:
            return GREEN, "kept"
        return (AMBER, "drifting") if abs(delta) <= 3 * tolerance else (RED, "worse")
    better = -delta if direction == "decrease" else delta
    if better > tolerance:
        return GREEN, "better"
    if better < -tolerance:
        return RED, "worse"
    return AMBER, "no_change"


def _trend(
    latest: Point | None, points: list[Point], direction: str
) -> tuple[float | None, float | None, str | None, bool | None]:
    if latest is None or latest.value is None:
        return None, None, None, None
    earlier_period = shift_period(latest.period, -periods_per_year(latest.period))
    earlier = next((p.value for p in points if p.period == earlier_period), None)
    difference, _percent = change(latest.value, earlier)
    if difference is None:
        return earlier, None, None, None
    trend = "flat" if difference == 0 else ("up" if difference > 0 else "down")
    improving = None
    if direction in ("increase", "decrease") and difference != 0:
        improving = (difference > 0) == (direction == "increase")
    return earlier, difference, trend, improving


def target_light(
    latest: float | None, target: float, baseline: float | None, direction: str
) -> tuple[str, str]:
    """The light and reason code for ``latest`` against the year's ``target`` (module doc)."""
    if latest is None:
        return GREY, "no_data"
    tolerance = max(abs(target) * TOLERANCE, MINIMUM_TOLERANCE)
    if direction == "maintain":
        gap = abs(latest - target)
        if gap <= tolerance:
            return GREEN, "target_reached"
        return (AMBER, "towards_target") if gap <= 3 * tolerance else (RED, "target_missed")
    reached = latest <= target if direction == "decrease" else latest >= target
    if reached:
        return GREEN, "target_reached"
    if baseline is not None and traffic_light(latest, baseline, direction)[1] == "better":
        return AMBER, "towards_target"
    return RED, "target_missed"


def _target_year(target: Target) -> int:
    return target.year


def _targets_area(target: Target, area_code: str) -> bool:
    """Whether the target is set for the area: blank means the indicator's own area."""
    return getattr(target, "area", "") in ("", area_code)


def _is_official(indicator: StatisticIndicator) -> bool:
    return indicator.kind == "official" and bool(indicator.stat_table)


def indicator_statuses(
    indicators: Sequence[StatisticIndicator],
    today: date | None = None,
    *,
    programme_start: date | None = None,
) -> list[IndicatorStatus]:
    """The statuses of many indicators, reading each statistics table once (two queries per
    table however many indicators use it)."""
    by_table: dict[str, list[StatisticIndicator]] = defaultdict(list)
    for indicator in indicators:
        if _is_official(indicator):
            by_table[indicator.stat_table].append(indicator)
    points: dict[int, list[Point]] = {}
    for table_id, bound in by_table.items():
        specs = {id(i): parse_statistic(i.stat_content_code) for i in bound}
        codes = {code for spec in specs.values() for code in spec.content_codes}
        store = SeriesStore(table_id, codes, {i.stat_area for i in bound})
        for indicator in bound:
            points[id(indicator)] = store.statistic(specs[id(indicator)], indicator.stat_area)
    return [
        indicator_status(
            indicator,
            today,
            points=points.get(id(indicator), []),
            programme_start=programme_start,
        )
        for indicator in indicators
    ]


def baseline_of(
    indicator: StatisticIndicator, programme_start: date | None, points: list[Point]
) -> tuple[float | None, Period | None]:
    """The baseline value (None when missing) and its period; see the module docstring. Without a
    programme start date the recorded ``baseline_date`` says which period is the start."""
    start = programme_start or indicator.baseline_date
    if start is None:
        return None, None
    like = points[-1].period if points else "2000M01"
    period = period_of(start, like)
    recorded = indicator.baseline_value
    recorded_date = indicator.baseline_date
    if (
        recorded is not None
        and recorded_date is not None
        and period_of(recorded_date, like) == period
    ):
        return float(recorded), period
    return next((p.value for p in points if p.period == period), None), period


def indicator_status(
    indicator: StatisticIndicator,
    today: date | None = None,
    *,
    points: list[Point] | None = None,
    programme_start: date | None = None,
) -> IndicatorStatus:
    """The status of ``indicator`` (a ``programmes.Indicator``); see the module docstring.
    ``points`` is its series when the caller has read it already (see ``indicator_statuses``);
    ``programme_start`` the start date of its programme."""
    today = today or timezone.localdate()
    official = _is_official(indicator)
    if points is None:
        points = (
            series(indicator.stat_table, indicator.stat_content_code, indicator.stat_area)
            if official
            else []
        )
    valued = [p for p in points if p.value is not None]
    latest = valued[-1] if valued else None
    earlier, difference, trend, improving = _trend(latest, points, indicator.desired_direction)
    baseline, baseline_period = baseline_of(indicator, programme_start, points)
    # targets.all() so a prefetch on the page's query is used; sorted here, not in SQL. A target
    # for another area (an employment area's own, ``IndicatorTarget.area``) is not this status's.
    targets = (
        sorted(
            (t for t in indicator.targets.all() if _targets_area(t, indicator.stat_area)),
            key=_target_year,
        )
        if getattr(indicator, "pk", None)
        else []
    )
    target = next((t for t in targets if t.year >= today.year), None)
    this_year = target if target is not None and target.year == today.year else None
    if official and this_year is not None:
        light, reason = target_light(
            latest.value if latest else None,
            float(this_year.value),
            baseline,
            indicator.desired_direction,
        )
    elif official:
        light, reason = traffic_light(
            latest.value if latest else None, baseline, indicator.desired_direction
        )
    else:
        light, reason = GREY, "not_official"
    return IndicatorStatus(
        indicator_key=indicator.key,
        table_id=indicator.stat_table,
        statistic=indicator.stat_content_code,
        area_code=indicator.stat_area,
        desired_direction=indicator.desired_direction,
        latest_period=latest.period if latest else None,
        latest_value=latest.value if latest else None,
        year_earlier_value=earlier,
        trend_change=difference,
        trend=trend,
        improving=improving,
        baseline_value=baseline,
        baseline_period=baseline_period,
        target_year=this_year.year if this_year else None,
        target_value=float(this_year.value) if this_year else None,
        next_target_year=target.year if target else None,
        next_target_value=float(target.value) if target else None,
        light=light,
        reason=reason,
        recent=points[-13:],
    )
