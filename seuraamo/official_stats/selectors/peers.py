"""Kymenlaakso among the 19 regions: each key figure's value, its rank and a peer group's values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from seuraamo.areas.models import Area
from seuraamo.areas.region import COUNTRY, REGION
from seuraamo.core.memo import once_per_build
from seuraamo.official_stats.registry import UNEMPLOYMENT_TABLE
from seuraamo.official_stats.selectors.figures import (
    AreaFigures,
    figures_for,
)
from seuraamo.official_stats.selectors.series import latest_period
from seuraamo.periods import Period

#: The key figures ranked: shares and ratios, comparable between regions of different sizes.
RANKED_STATISTICS: dict[str, str] = {
    "share": "share",
    "long_term_share": "long_term_share",
    "under25_share": "under25_share",
    "foreign_share": "foreign_share",
    "vacancies_per_unemployed": "vacancies_per_unemployed",
}


@dataclass(frozen=True)
class RankedFigure:
    """One key figure: the area's value and rank (1 = the highest value) among ``ranked``
    regions that have a value, the peers' and the country's values."""

    key: str
    unit: str
    value: float | None
    rank: int | None
    ranked: int
    peers: list[float | None]
    country: float | None


@dataclass(frozen=True)
class Ranking:
    table_id: str
    period: Period
    area: AreaFigures
    peers: list[AreaFigures]
    country: AreaFigures
    figures: list[RankedFigure]


def rank_of(value: float | None, values: Sequence[float | None]) -> int | None:
    """1 + how many of ``values`` are higher than ``value`` (ties share a rank)."""
    if value is None:
        return None
    return 1 + sum(1 for other in values if other is not None and other > value)


def region_ranking(
    area_code: str = REGION, peers: Sequence[str] = (), period: Period | None = None
) -> Ranking | None:
    """``area_code`` ranked among every region on each of :data:`RANKED_STATISTICS` in ``period``
    (default: the latest month of 12r5), with ``peers`` and the whole country alongside."""
    period = period or latest_period(UNEMPLOYMENT_TABLE)
    if period is None:
        return None
    return _ranking(area_code, tuple(peers), period)


@once_per_build
def _ranking(area_code: str, peers: tuple[str, ...], period: Period) -> Ranking:
    regions = list(
        Area.objects.filter(level="region").order_by("code").values_list("code", flat=True)
    )
    if area_code not in regions:
        regions.append(area_code)
    wanted = [*regions, *(code for code in peers if code not in regions), COUNTRY]
    rows = {row.area_code: row for row in figures_for(wanted, RANKED_STATISTICS, period)}
    area = rows[area_code]
    figures = []
    for key in RANKED_STATISTICS:
        values = [rows[code].figures[key].value for code in regions]
        own = area.figures[key]
        figures.append(
            RankedFigure(
                key=key,
                unit=own.unit,
                value=own.value,
                rank=rank_of(own.value, values),
                ranked=sum(1 for value in values if value is not None),
                peers=[rows[code].figures[key].value for code in peers if code in rows],
                country=rows[COUNTRY].figures[key].value,
            )
        )
    return Ranking(
        UNEMPLOYMENT_TABLE,
        period,
        area,
        [rows[code] for code in peers if code in rows],
        rows[COUNTRY],
        figures,
    )
