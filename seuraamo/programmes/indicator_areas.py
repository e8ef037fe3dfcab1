"""Indicators per employment area: since 1.1.2025 two employment areas (Etelä-Kymenlaakso TA04 and
Kouvola TA16) coordinate goals 4.2 and 4.4, so an indicator bound to a statistic of the region is
shown for the region and for each employment area side by side, each with its own baseline, latest
value, light and the year's target where the steering group set one (`IndicatorTarget.area`).

The figures go through `seuraamo.official_stats.selectors`: an employment area's series is summed
from its municipalities by the series selectors. A share (a percentage or ratio stored as such,
not a ratio the selectors compute) cannot be summed, so it is shown for an employment area only
when the table has figures of the area's own. The indicator's recorded baseline (a value from
another source) is its own area's; the employment areas' baselines come from the statistics."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.region import EMPLOYMENT_AREAS, REGION
from seuraamo.areas.selectors import AreaView, areas_by_code
from seuraamo.core.formatting import month_name
from seuraamo.core.translation import LocalizedText, localized
from seuraamo.official_stats.derived import parse_statistic
from seuraamo.official_stats.models import Observation
from seuraamo.official_stats.selectors import IndicatorStatus, indicator_statuses
from seuraamo.programmes.models import Indicator, IndicatorKind, IndicatorTarget, IndicatorUnit

#: The areas every indicator of the region is shown for, in this order.
AREA_COLUMNS: tuple[str, ...] = (REGION, *EMPLOYMENT_AREAS)
SHARE_UNITS = (IndicatorUnit.PERCENT, IndicatorUnit.RATIO)


@dataclass(frozen=True)
class _Targets:
    rows: tuple[IndicatorTarget, ...]

    def all(self) -> tuple[IndicatorTarget, ...]:
        return self.rows


@dataclass(frozen=True)
class AreaIndicator:
    """An indicator read for one area (what `indicator_statuses` reads of an indicator)."""

    pk: int
    key: str
    kind: str
    stat_table: str
    stat_content_code: str
    stat_area: str
    desired_direction: str
    baseline_value: Decimal | None
    baseline_date: datetime.date | None
    targets: _Targets


@dataclass(frozen=True)
class AreaFigure:
    """One area's column of an indicator: `status` is None when the statistic cannot be formed for
    the area (a share the table does not give for it)."""

    area_code: str
    name: LocalizedText
    status: IndicatorStatus | None
    target: IndicatorTarget | None  # the first target from this year on, for this area

    @property
    def light_label(self) -> str:
        return light_label(self.status) if self.status else ""

    @property
    def latest_month(self) -> str:
        period = self.status.latest_period if self.status else None
        return month_name(period) if period else ""

    @property
    def baseline_month(self) -> str:
        period = self.status.baseline_period if self.status else None
        return month_name(period) if period else ""


LIGHT_LABELS = {
    "better": _("Better than the baseline"),
    "no_change": _("About the same as the baseline"),
    "worse": _("Worse than the baseline"),
    "kept": _("Kept at the baseline level"),
    "drifting": _("Drifting from the baseline level"),
    "no_data": _("No statistics stored yet"),
    "no_baseline": _("Baseline missing"),
    "not_official": _("Reported by the coordinator"),
    "target_reached": _("Target for %(year)s reached"),
    "towards_target": _("Target for %(year)s not reached yet; better than the baseline"),
    "target_missed": _("Target for %(year)s not reached"),
}


def light_label(status: IndicatorStatus) -> str:
    """The traffic light in words (colour is never the only carrier)."""
    label = LIGHT_LABELS.get(status.reason)
    if label is None:
        return ""
    return str(label) % {"year": status.target_year} if status.target_year else str(label)


def is_shown_per_area(indicator: Indicator) -> bool:
    return (
        indicator.kind == IndicatorKind.OFFICIAL
        and bool(indicator.stat_table)
        and indicator.stat_area == REGION
    )


def _area_targets(indicator: Indicator, area: str) -> tuple[IndicatorTarget, ...]:
    own = area == indicator.stat_area
    return tuple(t for t in indicator.targets.all() if t.area == area or (own and not t.area))


def _for_area(indicator: Indicator, area: str) -> AreaIndicator:
    own = area == indicator.stat_area
    return AreaIndicator(
        pk=indicator.pk,
        key=indicator.key,
        kind=indicator.kind,
        stat_table=indicator.stat_table,
        stat_content_code=indicator.stat_content_code,
        stat_area=area,
        desired_direction=indicator.desired_direction,
        baseline_value=indicator.baseline_value if own else None,
        baseline_date=indicator.baseline_date if own else None,
        targets=_Targets(_area_targets(indicator, area)),
    )


def _is_share(indicator: Indicator) -> bool:
    return (
        indicator.unit in SHARE_UNITS and parse_statistic(indicator.stat_content_code).ratio is None
    )


def _areas_with_own_rows(indicators: Sequence[Indicator]) -> set[tuple[str, str]]:
    """(table, area) pairs whose table stores figures of the employment area itself: one query,
    asked only when a page shows a share."""
    tables = {i.stat_table for i in indicators if _is_share(i)}
    if not tables:
        return set()
    rows = (
        Observation.objects.filter(
            Q(table__table_id__in=sorted(tables)), area_code__in=list(EMPLOYMENT_AREAS)
        )
        .values_list("table__table_id", "area_code")
        .distinct()
    )
    return set(rows)


def _this_years_target(
    targets: Sequence[IndicatorTarget], today: datetime.date
) -> IndicatorTarget | None:
    return next((t for t in sorted(targets, key=lambda t: t.year) if t.year >= today.year), None)


def area_figures(
    indicators: Sequence[Indicator],
    programme_start: datetime.date | None,
    today: datetime.date | None = None,
) -> tuple[list[IndicatorStatus], dict[int, list[AreaFigure]]]:
    """Each indicator's own status (in order) and, for those shown per area, their area columns
    (by indicator id). One `indicator_statuses` call reads each statistics table once for every
    indicator and area; targets must be prefetched (`targets`)."""
    today = today or timezone.localdate()
    shown = [i for i in indicators if is_shown_per_area(i)]
    own_rows = _areas_with_own_rows(shown)
    wanted: list[Indicator | AreaIndicator] = [i for i in indicators if not is_shown_per_area(i)]
    for indicator in shown:
        for area in AREA_COLUMNS:
            if (
                area == REGION
                or not _is_share(indicator)
                or (indicator.stat_table, area) in own_rows
            ):
                wanted.append(_for_area(indicator, area))
    statuses = {
        (status.indicator_key, status.area_code): status
        for status in indicator_statuses(wanted, today, programme_start=programme_start)
    }
    own = [statuses[(i.key, i.stat_area)] for i in indicators]
    if not shown:
        return own, {}
    names = areas_by_code(AREA_COLUMNS)
    found: dict[int, list[AreaFigure]] = {}
    for indicator in shown:
        found[indicator.pk] = [
            AreaFigure(
                area_code=area,
                name=_area_name(names, area),
                status=statuses.get((indicator.key, area)),
                target=_this_years_target(_area_targets(indicator, area), today),
            )
            for area in AREA_COLUMNS
        ]
    return own, found


def _area_name(names: dict[str, AreaView], code: str) -> LocalizedText:
    return localized(names[code], "name") if code in names else LocalizedText(code, "fi", False)
