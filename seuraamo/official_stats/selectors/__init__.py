"""Reads for pages and reports: series, headline figures, comparisons, occupations, indicators.

Everything the situation-picture pages need from stored statistics goes through these functions;
they return plain dataclasses and :class:`~seuraamo.official_stats.derived.Point` lists.
"""

from __future__ import annotations

from seuraamo.official_stats.derived import Point
from seuraamo.official_stats.selectors.figures import (
    COMPARISON_AREAS,
    COMPARISON_STATISTICS,
    HEADLINE_STATISTICS,
    AreaFigures,
    Comparison,
    Earlier,
    Figure,
    Headline,
    OccupationBreakdown,
    OccupationGroup,
    headline_figures,
    municipality_comparison,
    occupation_groups,
)
from seuraamo.official_stats.selectors.indicators import (
    IndicatorStatus,
    indicator_status,
    indicator_statuses,
    traffic_light,
)
from seuraamo.official_stats.selectors.info import (
    TableInfo,
    attribution,
    expected_latest_month,
    recent_runs,
    snapshot_info,
)
from seuraamo.official_stats.selectors.lfs import (
    NationalLfs,
    RegionalRate,
    national_lfs,
    regional_employment_rate,
)
from seuraamo.official_stats.selectors.peers import RankedFigure, Ranking, region_ranking
from seuraamo.official_stats.selectors.series import (
    has_rows,
    is_stored_month,
    latest_period,
    missing_runs,
    months_with_values,
    period_span,
    series,
)
from seuraamo.official_stats.selectors.trend import TrendProjection, trend_projection
from seuraamo.official_stats.selectors.warnings import TrendCheck, trend_checks

__all__ = [
    "COMPARISON_AREAS",
    "COMPARISON_STATISTICS",
    "HEADLINE_STATISTICS",
    "AreaFigures",
    "Comparison",
    "Earlier",
    "Figure",
    "Headline",
    "IndicatorStatus",
    "NationalLfs",
    "RegionalRate",
    "OccupationBreakdown",
    "OccupationGroup",
    "Point",
    "RankedFigure",
    "Ranking",
    "TableInfo",
    "TrendCheck",
    "TrendProjection",
    "attribution",
    "expected_latest_month",
    "has_rows",
    "is_stored_month",
    "months_with_values",
    "missing_runs",
    "headline_figures",
    "indicator_status",
    "indicator_statuses",
    "latest_period",
    "period_span",
    "recent_runs",
    "municipality_comparison",
    "national_lfs",
    "region_ranking",
    "regional_employment_rate",
    "occupation_groups",
    "series",
    "snapshot_info",
    "traffic_light",
    "trend_checks",
    "trend_projection",
]
